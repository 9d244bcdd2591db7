using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sessions;

public sealed partial class SessionRevocationGrain(
    [PersistentState("session-revocations", "grid")] IPersistentState<SessionRevocationState> state,
    IOptions<SessionOptions> options,
    TimeProvider time,
    ILogger<SessionRevocationGrain> logger) : Grain, ISessionRevocationGrain
{
    // The subscribed silos' observers and when their lease ends; in memory only: after a restart every silo
    // subscribes again at its next re-sync, and until then its re-sync alone keeps it current.
    private readonly Dictionary<IRevokedSessionsObserver, DateTimeOffset> _observers = [];

    public async Task Add(RevokedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        var kept = state.State.Sessions
            .Where(s => s.Until > now && !(s.TenantId == session.TenantId && s.SessionId == session.SessionId))
            .Append(session)
            .ToList();
        var version = state.State.Version + 1;
        await state.WriteOrRevertAsync(new SessionRevocationState { Version = version, Sessions = kept });
        await AnnounceAsync(session, version, now);
    }

    public Task<RevokedSessionSet?> GetSince(long version)
    {
        if (version == state.State.Version)
        {
            return Task.FromResult<RevokedSessionSet?>(null);
        }

        var now = time.GetUtcNow();
        return Task.FromResult<RevokedSessionSet?>(new RevokedSessionSet(
            state.State.Version, [.. state.State.Sessions.Where(s => s.Until > now)]));
    }

    public Task Subscribe(IRevokedSessionsObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers[observer] = time.GetUtcNow() + options.Value.SubscriptionLease;
        return Task.CompletedTask;
    }

    private async Task AnnounceAsync(RevokedSession session, long version, DateTimeOffset now)
    {
        foreach (var lapsed in _observers.Where(o => o.Value <= now).Select(o => o.Key).ToList())
        {
            _observers.Remove(lapsed);
        }

        var observers = _observers.Keys.ToList();
        var timeout = options.Value.AnnounceTimeout;
        var told = await Task.WhenAll(observers.Select(async observer =>
        {
            try
            {
                await observer.Revoked(session, version).WaitAsync(timeout);
                return true;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                LogObserverMissed(logger, ex, session.SessionId);
                return false;
            }
        }));

        // A silo that did not answer is dropped; it subscribes again and reads the whole list at its next re-sync.
        for (var i = 0; i < observers.Count; i++)
        {
            if (!told[i])
            {
                _observers.Remove(observers[i]);
            }
        }
    }

    [LoggerMessage(EventId = 8260, Level = LogLevel.Warning, Message = "A silo was not told of the revocation of session {SessionId} in time; it catches up at its next re-sync")]
    private static partial void LogObserverMissed(ILogger logger, Exception exception, string sessionId);
}
