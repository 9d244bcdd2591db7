using System.Collections.Concurrent;

namespace Grid.WeCom.Simulator.Control;

/// <summary>
/// Messages "sent" while the simulator stands in for a gateway: text messages to phones (POST /_sim/sms) and emails
/// (POST /_sim/email). The dev profile and tests read sign-in codes and confirmation links here instead of from a
/// phone or a mailbox. Kept in memory, newest last.
/// </summary>
public sealed class GatewayInbox<TMessage>
    where TMessage : IGatewayMessage
{
    private readonly ConcurrentQueue<TMessage> _messages = new();

    /// <summary>Every message received, oldest first.</summary>
    public IReadOnlyList<TMessage> Messages => [.. _messages];

    /// <summary>Receives one message.</summary>
    public void Receive(TMessage message) => _messages.Enqueue(message);

    /// <summary>The newest message to <paramref name="recipient"/>, or null.</summary>
    public TMessage? LastTo(string recipient) => _messages.LastOrDefault(m => m.Recipient == recipient);
}

/// <summary>A message a stand-in gateway received.</summary>
public interface IGatewayMessage
{
    /// <summary>Whom it is for: a mobile number or an email address.</summary>
    string Recipient { get; }

    /// <summary>When the gateway received it.</summary>
    DateTimeOffset ReceivedAt { get; }
}

/// <summary>One text message to a phone number.</summary>
public sealed record SmsMessage(string Mobile, string Text, DateTimeOffset ReceivedAt) : IGatewayMessage
{
    string IGatewayMessage.Recipient => Mobile;
}

/// <summary>One plain-text email.</summary>
public sealed record EmailMessage(string To, string Subject, string Text, DateTimeOffset ReceivedAt) : IGatewayMessage
{
    string IGatewayMessage.Recipient => To;
}
