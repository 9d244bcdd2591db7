using System.Collections.Concurrent;

namespace Grid.WeCom.Simulator.Control;

/// <summary>
/// Text messages "sent" to phones while the simulator stands in for an SMS gateway (POST /_sim/sms): the dev profile
/// and tests read sign-in codes here instead of from a phone. Kept in memory, newest last.
/// </summary>
public sealed class SmsInbox
{
    private readonly ConcurrentQueue<SmsMessage> _messages = new();

    /// <summary>Every message received, oldest first.</summary>
    public IReadOnlyList<SmsMessage> Messages => [.. _messages];

    /// <summary>Receives one message.</summary>
    public void Receive(SmsMessage message) => _messages.Enqueue(message);

    /// <summary>The newest message to <paramref name="mobile"/>, or null.</summary>
    public SmsMessage? LastTo(string mobile) => _messages.LastOrDefault(m => m.Mobile == mobile);
}

/// <summary>One text message to a phone number.</summary>
public sealed record SmsMessage(string Mobile, string Text, DateTimeOffset ReceivedAt);
