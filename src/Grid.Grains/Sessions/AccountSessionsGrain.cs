using Grid.Abstractions;
using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sessions;

// Sessions beyond the cap are evicted, not revoked: an eviction bounds what the account holds, it is not a sign-out
// that must stop an access token at once, so it makes no cluster-wide announcement (one write on every sign-in of a
// busy account otherwise). The evicted session's refresh token is refused at once; its last access token lives out
// its lifetime, unless the account's sessions are all revoked meanwhile (a password set, the account disabled): the
// evicted ones are remembered until their tokens have expired, so RevokeAll announces them too.
public sealed partial class AccountSessionsGrain(
    [PersistentState("account-sessions", "grid")] IPersistentState<AccountSessionsState> state,
    IOptions<SessionOptions> options,
    TimeProvider time,
    ILogger<AccountSessionsGrain> logger) : Grain, IAccountSessionsGrain
{
    public async Task Add(string sessionId, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var now = time.GetUtcNow();
        var max = options.Value.MaxSessionsPerAccount;
        var live = state.State.Sessions.Where(s => s.Value > now).OrderBy(s => s.Value).ToList();
        var excess = live.Count + 1 - max;
        var evicting = excess > 0 ? live.Take(excess).Select(s => s.Key).ToList() : [];
        var kept = live.Skip(Math.Max(0, excess)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        kept[sessionId] = expiresAt;

        // At most as many evicted as live sessions are remembered; the oldest beyond that are revoked (announced).
        var tokensUntil = now + options.Value.RevocationRetention;
        var evicted = state.State.Evicted.Where(e => e.Value > now)
            .Concat(evicting.Select(id => KeyValuePair.Create(id, tokensUntil)))
            .OrderBy(e => e.Value)
            .ToList();
        var overflow = evicted.Take(Math.Max(0, evicted.Count - max)).ToList();
        var remembered = evicted.Skip(overflow.Count).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        await state.WriteOrRevertAsync(new AccountSessionsState { Sessions = kept, Evicted = remembered });

        // Forgotten sessions must not outlive a later RevokeAll: the oldest goes now.
        var failedEvictions = await CallEachAsync(evicting, session => session.Evict());
        var failedRevocations = await CallEachAsync([.. overflow.Select(e => e.Key)], session => session.Revoke());
        if (failedEvictions.Count > 0 || failedRevocations.Count > 0)
        {
            await state.WriteOrRevertAsync(new AccountSessionsState
            {
                Sessions = Merge(kept, live.Where(s => failedEvictions.Contains(s.Key))),
                Evicted = Merge(remembered.Where(e => !failedEvictions.Contains(e.Key)), overflow.Where(e => failedRevocations.Contains(e.Key))),
            });
        }
    }

    public async Task<int> RevokeAll()
    {
        var now = time.GetUtcNow();
        var live = state.State.Sessions.Where(s => s.Value > now).ToList();
        var evicted = state.State.Evicted.Where(e => e.Value > now).ToList();
        var failed = await CallEachAsync([.. live.Concat(evicted).Select(s => s.Key)], session => session.Revoke());
        if (live.Count > 0 || evicted.Count > 0 || state.State.Sessions.Count > 0 || state.State.Evicted.Count > 0)
        {
            await state.WriteOrRevertAsync(new AccountSessionsState
            {
                Sessions = Merge(live.Where(s => failed.Contains(s.Key))),
                Evicted = Merge(evicted.Where(e => failed.Contains(e.Key))),
            });
        }

        var (tenantId, accountId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        var revoked = live.Count(s => !failed.Contains(s.Key));
        if (live.Count > 0)
        {
            LogRevokedAll(logger, tenantId, accountId, revoked, live.Count - revoked);
        }

        return revoked;
    }

    private static Dictionary<string, DateTimeOffset> Merge(params IEnumerable<KeyValuePair<string, DateTimeOffset>>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    // Calls the sessions in parallel; the ids whose call failed.
    private async Task<HashSet<string>> CallEachAsync(IReadOnlyList<string> sessionIds, Func<ISessionGrain, Task> call)
    {
        var (tenantId, _) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        var outcomes = await Task.WhenAll(sessionIds.Select(async sessionId =>
        {
            try
            {
                await call(GrainFactory.GetGrain<ISessionGrain>(SessionKeys.Session(tenantId, sessionId)));
                return null;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                LogRevokeFailed(logger, ex, tenantId, sessionId);
                return sessionId;
            }
        }));
        return [.. outcomes.OfType<string>()];
    }

    [LoggerMessage(EventId = 8350, Level = LogLevel.Information, Message = "Account {AccountId} of tenant {TenantId}: {Revoked} session(s) revoked, {Failed} to retry")]
    private static partial void LogRevokedAll(ILogger logger, string tenantId, string accountId, int revoked, int failed);

    [LoggerMessage(EventId = 8351, Level = LogLevel.Warning, Message = "Ending session {SessionId} of tenant {TenantId} failed; it stays registered for the next revocation")]
    private static partial void LogRevokeFailed(ILogger logger, Exception exception, string tenantId, string sessionId);
}
