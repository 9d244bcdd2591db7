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
    /// <summary>How many revocations a segment holds: what one revocation's write costs at most.</summary>
    internal const int SegmentCapacity = 64;

    private static readonly TimeSpan CompactionPeriod = TimeSpan.FromMinutes(1);

    // The subscribed silos' observers and when their lease ends; in memory only: after a restart every silo
    // subscribes again at its next re-sync, and until then its re-sync alone keeps it current.
    private readonly Dictionary<IRevokedSessionsObserver, DateTimeOffset> _observers = [];

    // The segments FirstSegment..CurrentSegment as stored, oldest first; the last is the one appended to.
    private readonly List<Segment> _segments = [];

    // Grows by one with every revocation, and survives reactivation: segment n's k-th revocation is version
    // n * SegmentCapacity + k (a full segment's last and the next segment's empty start name the same list).
    private long Version => (_segments[^1].Number * SegmentCapacity) + _segments[^1].Sessions.Count;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var numbers = Enumerable.Range(0, (int)(state.State.CurrentSegment - state.State.FirstSegment + 1))
            .Select(i => state.State.FirstSegment + i)
            .ToList();
        var read = await Task.WhenAll(numbers.Select(n => SegmentGrain(n).Read()));
        _segments.AddRange(numbers.Select((n, i) => new Segment(n, [.. read[i]])));
        await CompactAsync(cancellationToken);
        this.RegisterGrainTimer(CompactAsync, new GrainTimerCreationOptions(CompactionPeriod, CompactionPeriod));
    }

    public async Task Add(RevokedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var current = _segments[^1];
        if (current.Sessions.Count >= SegmentCapacity)
        {
            await state.WriteOrRevertAsync(new SessionRevocationState
            {
                FirstSegment = state.State.FirstSegment,
                CurrentSegment = current.Number + 1,
            });
            current = new Segment(current.Number + 1, []);
            _segments.Add(current);
        }

        var count = await SegmentGrain(current.Number).Append(session);
        current.Sessions.Add(session);
        if (count != current.Sessions.Count)
        {
            // An earlier append was stored although its call failed: take the segment as stored.
            current.Sessions.Clear();
            current.Sessions.AddRange(await SegmentGrain(current.Number).Read());
        }

        await AnnounceAsync(session, Version, time.GetUtcNow());
    }

    public Task<RevokedSessionSet?> GetSince(long version)
    {
        if (version == Version)
        {
            return Task.FromResult<RevokedSessionSet?>(null);
        }

        var now = time.GetUtcNow();
        return Task.FromResult<RevokedSessionSet?>(new RevokedSessionSet(
            Version, [.. _segments.SelectMany(s => s.Sessions).Where(s => s.Until > now)]));
    }

    public Task Subscribe(IRevokedSessionsObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers[observer] = time.GetUtcNow() + options.Value.SubscriptionLease;
        return Task.CompletedTask;
    }

    // Drops the oldest segments whose revocations have all expired: each is cleared before the list stops naming
    // it, so that a failure between the two leaves an empty segment to read, never a stored one nobody reads.
    private async Task CompactAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = _segments.Take(_segments.Count - 1).TakeWhile(s => s.Sessions.TrueForAll(r => r.Until <= now)).ToList();
        if (expired.Count == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(expired.Select(s => SegmentGrain(s.Number).Clear()));
            await state.WriteOrRevertAsync(new SessionRevocationState
            {
                FirstSegment = expired[^1].Number + 1,
                CurrentSegment = state.State.CurrentSegment,
            });
            _segments.RemoveRange(0, expired.Count);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogCompactionFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    private ISessionRevocationSegmentGrain SegmentGrain(long number) =>
        GrainFactory.GetGrain<ISessionRevocationSegmentGrain>($"{this.GetPrimaryKeyString()}/{number}");

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

    private sealed record Segment(long Number, List<RevokedSession> Sessions);

    [LoggerMessage(EventId = 8260, Level = LogLevel.Warning, Message = "A silo was not told of the revocation of session {SessionId} in time; it catches up at its next re-sync")]
    private static partial void LogObserverMissed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(EventId = 8261, Level = LogLevel.Warning, Message = "Dropping the expired segments of revocation list {List} failed; the next compaction tries again")]
    private static partial void LogCompactionFailed(ILogger logger, Exception exception, string list);
}
