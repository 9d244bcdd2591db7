using System.Security.Cryptography;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Login;

/// <summary>user_tickets issued by auth/getuserinfo for snsapi_privateinfo codes, valid 1800 s by default.</summary>
internal sealed class UserTicketStore(TimeProvider time, TimeSpan lifetime)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserTicket> _tickets = new(StringComparer.Ordinal);

    public UserTicket Issue(string corpId, int agentId, string userId, SensitiveFields consent)
    {
        var ticket = new UserTicket(
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
            corpId,
            agentId,
            userId,
            consent,
            time.GetUtcNow() + lifetime);
        lock (_gate)
        {
            _tickets[ticket.Ticket] = ticket;
        }

        return ticket;
    }

    public UserTicket? Find(string ticket)
    {
        lock (_gate)
        {
            return _tickets.GetValueOrDefault(ticket);
        }
    }

    public bool IsExpired(UserTicket ticket) => ticket.ExpiresAt <= time.GetUtcNow();

    internal sealed record UserTicket(string Ticket, string CorpId, int AgentId, string UserId, SensitiveFields Consent, DateTimeOffset ExpiresAt);
}
