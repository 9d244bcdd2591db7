using Grid.Abstractions;
using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sessions;

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
        var live = state.State.Sessions.Where(s => s.Value > now).OrderBy(s => s.Value).ToList();
        var excess = live.Count + 1 - options.Value.MaxSessionsPerAccount;
        var evicted = excess > 0 ? live.Take(excess).Select(s => s.Key).ToList() : [];
        var kept = live.Skip(Math.Max(0, excess)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        kept[sessionId] = expiresAt;
        await state.WriteOrRevertAsync(new AccountSessionsState { Sessions = kept });

        // Forgotten sessions must not outlive a later RevokeAll: the oldest goes now.
        var failed = await RevokeAsync(evicted);
        if (failed.Count > 0)
        {
            await state.WriteOrRevertAsync(new AccountSessionsState
            {
                Sessions = kept.Concat(live.Where(s => failed.Contains(s.Key))).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
            });
        }
    }

    public async Task<int> RevokeAll()
    {
        var now = time.GetUtcNow();
        var live = state.State.Sessions.Where(s => s.Value > now).ToList();
        var failed = await RevokeAsync([.. live.Select(s => s.Key)]);
        if (live.Count > 0 || state.State.Sessions.Count > 0)
        {
            await state.WriteOrRevertAsync(new AccountSessionsState
            {
                Sessions = live.Where(s => failed.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
            });
        }

        var (tenantId, accountId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        if (live.Count > 0)
        {
            LogRevokedAll(logger, tenantId, accountId, live.Count - failed.Count, failed.Count);
        }

        return live.Count - failed.Count;
    }

    // Revokes the sessions in parallel; the ids whose revocation failed.
    private async Task<HashSet<string>> RevokeAsync(IReadOnlyList<string> sessionIds)
    {
        var (tenantId, _) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        var outcomes = await Task.WhenAll(sessionIds.Select(async sessionId =>
        {
            try
            {
                await GrainFactory.GetGrain<ISessionGrain>(SessionKeys.Session(tenantId, sessionId)).Revoke();
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

    [LoggerMessage(EventId = 8351, Level = LogLevel.Warning, Message = "Revoking session {SessionId} of tenant {TenantId} failed; it stays registered for the next revocation")]
    private static partial void LogRevokeFailed(ILogger logger, Exception exception, string tenantId, string sessionId);
}
