using System.Collections.Concurrent;
using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>
/// This silo's copy of the revoked sessions whose access tokens could still be presented, checked by every
/// ValidateToken without a grain call. Told of each revocation by <see cref="ISessionRevocationGrain"/> (this is the
/// silo's observer) and re-read whole by <see cref="RevocationSync"/>; revocations are never undone, so both only
/// add, and entries leave when the tokens they stand against have expired. A copy not re-read within
/// <see cref="SignInOptions.RevocationMaxStaleness"/> is not current: validation then refuses to answer.
/// </summary>
internal sealed class RevokedSessions(TimeProvider time, IOptions<SignInOptions> options) : IRevokedSessionsObserver
{
    private readonly ConcurrentDictionary<(string TenantId, string SessionId), DateTimeOffset> _revoked = new();
    private long _syncedAtTicks = long.MinValue;

    /// <summary>Whether the session is revoked (as far as this silo knows).</summary>
    public bool IsRevoked(string tenantId, string sessionId) => _revoked.ContainsKey((tenantId, sessionId));

    /// <summary>Whether the copy was read from the cluster's list recently enough to be trusted.</summary>
    public bool IsCurrent
    {
        get
        {
            var synced = Interlocked.Read(ref _syncedAtTicks);
            return synced != long.MinValue && time.GetUtcNow().UtcTicks - synced <= options.Value.RevocationMaxStaleness.Ticks;
        }
    }

    /// <summary>The version of the cluster's list this copy has read; 0 before the first read.</summary>
    public long Version { get; private set; }

    public Task Revoked(RevokedSession session, long version)
    {
        Add(session);
        return Task.CompletedTask;
    }

    /// <summary>Records a revocation this silo made itself (before the list's announcement reaches it).</summary>
    public void Add(RevokedSession session) => _revoked[(session.TenantId, session.SessionId)] = session.Until;

    /// <summary>Records a read of the list: <paramref name="set"/> when it changed, null when it did not.</summary>
    public void Synced(RevokedSessionSet? set)
    {
        var now = time.GetUtcNow();
        if (set is not null)
        {
            foreach (var session in set.Sessions)
            {
                Add(session);
            }

            Version = set.Version;
        }

        foreach (var (key, until) in _revoked)
        {
            if (until <= now)
            {
                _revoked.TryRemove(key, out _);
            }
        }

        Interlocked.Exchange(ref _syncedAtTicks, now.UtcTicks);
    }
}
