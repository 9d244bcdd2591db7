using System.Collections.Concurrent;
using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>
/// This silo's copy of the revoked sessions whose access tokens could still be presented, checked by every
/// ValidateToken without a grain call. Told of each revocation by <see cref="ISessionRevocationGrain"/> (this is the
/// silo's observer of each of the cluster's lists) and re-read by <see cref="RevocationSync"/>; revocations are never
/// undone, so both only add, and entries leave when the tokens they stand against have expired. A copy with a list not re-read within
/// <see cref="SignInOptions.RevocationMaxStaleness"/> is not current: validation then refuses to answer.
/// </summary>
internal sealed class RevokedSessions(TimeProvider time, IOptions<SignInOptions> options) : IRevokedSessionsObserver
{
    private readonly ConcurrentDictionary<(string TenantId, string SessionId), DateTimeOffset> _revoked = new();
    private readonly long[] _versions = new long[SessionKeys.RevocationListCount];
    private readonly long[] _syncedAtTicks = [.. Enumerable.Repeat(long.MinValue, SessionKeys.RevocationListCount)];
    private readonly Lock _sync = new();

    // Until when the copy is current: the oldest of the lists' reads plus the max staleness (MinValue before every
    // list has been read once). Kept as one number so that the check on every ValidateToken reads one field.
    private long _currentUntilTicks = long.MinValue;

    /// <summary>Whether the session is revoked (as far as this silo knows).</summary>
    public bool IsRevoked(string tenantId, string sessionId) => _revoked.ContainsKey((tenantId, sessionId));

    /// <summary>Whether every one of the cluster's lists was read recently enough to be trusted.</summary>
    public bool IsCurrent => time.GetUtcNow().UtcTicks <= Interlocked.Read(ref _currentUntilTicks);

    /// <summary>The version of list <paramref name="list"/> this copy has read; 0 before the first read.</summary>
    public long Version(int list)
    {
        lock (_sync)
        {
            return _versions[list];
        }
    }

    public Task Revoked(RevokedSession session, long version)
    {
        Add(session);
        return Task.CompletedTask;
    }

    /// <summary>Records a revocation this silo made itself (before the list's announcement reaches it).</summary>
    public void Add(RevokedSession session) => _revoked[(session.TenantId, session.SessionId)] = session.Until;

    /// <summary>
    /// Records a read of list <paramref name="list"/>: <paramref name="set"/> when it changed, null when it did not.
    /// </summary>
    public void Synced(int list, RevokedSessionSet? set)
    {
        var now = time.GetUtcNow();
        if (set is not null)
        {
            foreach (var session in set.Sessions)
            {
                Add(session);
            }
        }

        foreach (var (key, until) in _revoked)
        {
            if (until <= now)
            {
                _revoked.TryRemove(key, out _);
            }
        }

        lock (_sync)
        {
            if (set is not null)
            {
                _versions[list] = set.Version;
            }

            _syncedAtTicks[list] = now.UtcTicks;
            var oldest = _syncedAtTicks.Min();
            Interlocked.Exchange(
                ref _currentUntilTicks,
                oldest == long.MinValue ? long.MinValue : oldest + options.Value.RevocationMaxStaleness.Ticks);
        }
    }
}
