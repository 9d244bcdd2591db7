using System.Collections.Concurrent;

namespace Grid.WeCom.Simulator.Control;

/// <summary>
/// Emails "sent" while the simulator stands in for a mail gateway (POST /_sim/email): the dev profile and tests read
/// personal emails' confirmation links here. Kept in memory, newest last.
/// </summary>
public sealed class EmailInbox
{
    private readonly ConcurrentQueue<EmailMessage> _messages = new();

    /// <summary>Every message received, oldest first.</summary>
    public IReadOnlyList<EmailMessage> Messages => [.. _messages];

    /// <summary>Receives one message.</summary>
    public void Receive(EmailMessage message) => _messages.Enqueue(message);
}

/// <summary>One plain-text email.</summary>
public sealed record EmailMessage(string To, string Subject, string Text, DateTimeOffset ReceivedAt);
