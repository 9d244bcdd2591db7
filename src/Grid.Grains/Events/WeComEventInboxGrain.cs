using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Events;
using Grid.Abstractions.Tenants;
using Grid.Grains.Sync.Incremental;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Grid.Grains.Events;

/// <summary>
/// The inbox of one connector (see <see cref="IWeComEventInboxGrain"/>). It keeps no grain state: the journal is the
/// state, and the working set in memory is rebuilt from it at activation. Each event waits in a lane per order key
/// (member userid, department id) and runs when it heads all its lanes, at most
/// <see cref="EventInboxOptions.ApplyParallelism"/> at once; a failed event keeps its lanes until it succeeds or is
/// parked, so later changes of that member never overtake it. Creates and updates of one member that wait behind the
/// one starting are applied with it by its one fresh fetch (they happened before it, so it observes them), each
/// recorded with its outcome. Reentrant: the applier's calls interleave. (Past 400 lines: lanes, coalescing, retries and
/// decisions on held events all work on the one in-memory working set, which splitting would spread across files.)
/// </summary>
[Reentrant]
internal sealed class WeComEventInboxGrain(
    IEventJournal journal,
    IContactChangeApplier applier,
    IOptions<EventInboxOptions> options,
    TimeProvider time,
    ILogger<WeComEventInboxGrain> logger) : Grain, IWeComEventInboxGrain
{
    private const int ScanPage = 1000;
    private const int RememberedFinished = 16_384;
    private const int MaxReasonLength = 500;
    private const int MaxCoalesced = 256;

    private readonly EventInboxOptions _options = options.Value;
    private readonly Dictionary<long, WeComEvent> _pending = [];
    private readonly Dictionary<string, SortedSet<long>> _lanes = new(StringComparer.Ordinal);
    private readonly HashSet<long> _running = [];
    private readonly HashSet<long> _coalesced = [];
    private readonly SortedSet<long> _waiting = [];
    private readonly SortedSet<long> _delayed = [];
    private readonly HashSet<long> _finished = [];
    private readonly Queue<long> _finishedOrder = new();
    private readonly List<WeComEvent> _notifiedWhileScanning = [];
    private readonly Dictionary<long, HeldEventDecision> _decidedWhileRunning = [];
    private bool _scanning;
    private bool _overflow;
    private string _tenantId = "";
    private string _connectorId = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _connectorId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_options.RetryBaseDelay.TotalMilliseconds / 2, 50, 1000));
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(tick, tick) { Interleave = true });
        await ScanAsync(cancellationToken);
    }

    public Task Notify(ImmutableArray<WeComEvent> events)
    {
        foreach (var e in events)
        {
            if (_scanning)
            {
                _notifiedWhileScanning.Add(e);
            }
            else
            {
                Admit(e);
            }
        }

        return Task.CompletedTask;
    }

    public Task Resume() => ScanAsync(CancellationToken.None);

    public Task<WeComEventPage> List(WeComEventStatus? status, long before, int max) =>
        journal.ListAsync(_tenantId, _connectorId, status, before, max, CancellationToken.None);

    public async Task<WeComEvent> Retry(long eventId, string actor)
    {
        var e = await journal.GetAsync(_tenantId, _connectorId, eventId, CancellationToken.None)
            ?? throw GridException.NotFound($"event {eventId} of connector '{_connectorId}' does not exist (or was purged)");
        if (e.Status is not (WeComEventStatus.Parked or WeComEventStatus.Failed))
        {
            throw GridException.Precondition($"event {eventId} is {e.Status.ToString().ToLowerInvariant()}; only parked or failed events can be retried");
        }

        var again = e with { Status = WeComEventStatus.Durable, Attempts = 0, NextAttemptAt = null, Error = null, FinishedAt = null };
        await journal.RecordAsync(WeComEventOutcome.Of(again), CancellationToken.None);
        await GrainFactory.GetGrain<IAuditLogGrain>(GridKeys.Tenant(_tenantId)).Append(
        [
            new AuditEntry(0, time.GetUtcNow(), actor, "wecom.event.retry", $"connector/{_connectorId}/event/{eventId}",
                $"WeCom event {eventId} ({e.ChangeType}, {e.Status.ToString().ToLowerInvariant()} after {e.Attempts} attempts) put back in line"),
        ]);

        _finished.Remove(eventId);
        if (_pending.ContainsKey(eventId))
        {
            _pending[eventId] = again;
            _delayed.Remove(eventId);
            TryStart(eventId);
        }
        else
        {
            Admit(again);
        }

        return again;
    }

    public async Task Decide(ImmutableArray<HeldEventDecision> decisions)
    {
        foreach (var decision in decisions)
        {
            // An event of that member or department being applied now may be the one its held change came from, held
            // but not recorded yet: it takes the decision when it ends held. Later events are held anew, not decided.
            foreach (var id in _running.Concat(_coalesced).Where(id => decision.IsAbout(_pending[id])))
            {
                _decidedWhileRunning[id] = decision;
            }

            await journal.DecideHeldAsync(_tenantId, _connectorId, decision, CancellationToken.None);
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        if (_scanning)
        {
            return;
        }

        _scanning = true;
        var found = 0;
        try
        {
            _overflow = false;
            long after = 0;
            while (true)
            {
                var batch = await journal.ReadUnfinishedAsync(_tenantId, _connectorId, after, ScanPage, cancellationToken);
                foreach (var e in batch)
                {
                    found += Admit(e) ? 1 : 0;
                }

                if (batch.Length < ScanPage || _overflow)
                {
                    break;
                }

                after = batch[^1].Id;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EventInboxLog.ScanFailed(logger, ex, _tenantId, _connectorId);
        }
        finally
        {
            _scanning = false;
        }

        foreach (var e in _notifiedWhileScanning)
        {
            Admit(e);
        }

        _notifiedWhileScanning.Clear();
        if (found > 0)
        {
            EventInboxLog.Resumed(logger, _tenantId, _connectorId, found);
        }
    }

    // Takes an unfinished event into the working set unless it is known; false when it was not taken.
    private bool Admit(WeComEvent e)
    {
        if (!e.IsUnfinished || _pending.ContainsKey(e.Id) || _finished.Contains(e.Id))
        {
            return false;
        }

        if (_pending.Count >= _options.MaxInMemory)
        {
            // The journal has it: the next scan, once there is room, takes it (and everything after it, in order).
            _overflow = true;
            return false;
        }

        _pending.Add(e.Id, e);
        foreach (var key in WeComEventChanges.OrderKeys(e))
        {
            if (!_lanes.TryGetValue(key, out var lane))
            {
                _lanes[key] = lane = [];
            }

            lane.Add(e.Id);
        }

        TryStart(e.Id);
        return true;
    }

    private void TryStart(long id)
    {
        if (_running.Contains(id) || _coalesced.Contains(id) || !_pending.TryGetValue(id, out var e))
        {
            return;
        }

        if (e.NextAttemptAt is { } next && next > time.GetUtcNow())
        {
            _delayed.Add(id);
            return;
        }

        foreach (var key in WeComEventChanges.OrderKeys(e))
        {
            if (_lanes[key].Min != id)
            {
                return; // started when the events before it in that lane are done
            }
        }

        if (_running.Count >= _options.ApplyParallelism)
        {
            _waiting.Add(id);
            return;
        }

        _waiting.Remove(id);
        _delayed.Remove(id);
        _running.Add(id);
        var followers = Followers(e);
        foreach (var follower in followers)
        {
            _coalesced.Add(follower.Id);
            _delayed.Remove(follower.Id);
        }

        _ = RunAsync(e, followers);
    }

    // The member creates and updates queued right behind a starting create or update of the same member alone (not a
    // userid change, a delete or an event waiting for its retry): admitted already, so its fresh fetch observes them.
    private List<WeComEvent> Followers(WeComEvent head)
    {
        List<WeComEvent> followers = [];
        if (!IsPlainMemberUpsert(head))
        {
            return followers;
        }

        var now = time.GetUtcNow();
        var lane = _lanes[WeComEventChanges.OrderKeys(head).Single()];
        foreach (var id in lane.GetViewBetween(head.Id + 1, long.MaxValue))
        {
            var e = _pending[id];
            if (followers.Count >= MaxCoalesced || !IsPlainMemberUpsert(e) || e.NextAttemptAt > now
                || !string.Equals(e.UserId, head.UserId, StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            followers.Add(e);
        }

        return followers;
    }

    private static bool IsPlainMemberUpsert(WeComEvent e) =>
        e.ChangeType is WeComEventChanges.CreateUser or WeComEventChanges.UpdateUser
        && e.UserId is not null && e.NewUserId is null && e.DepartmentId is null;

    private async Task RunAsync(WeComEvent e, List<WeComEvent> followers)
    {
        WeComEvent next;
        try
        {
            var outcome = await ApplyAsync(e);
            next = e with
            {
                Status = outcome switch
                {
                    ContactChangeOutcome.Applied => WeComEventStatus.Applied,
                    ContactChangeOutcome.Held => WeComEventStatus.Held,
                    _ => WeComEventStatus.Ignored,
                },
                Attempts = e.Attempts + 1,
                NextAttemptAt = null,
                Error = null,
                FinishedAt = time.GetUtcNow(),
            };
        }
        catch (Exception ex)
        {
            next = Failed(e, ex);
        }

        // A failed (or parked) attempt leaves its followers as they were: they wait behind it again.
        var covered = next.Status is WeComEventStatus.Failed or WeComEventStatus.Parked ? [] : followers.ConvertAll(f => Decided(f with
        {
            Status = next.Status, Attempts = f.Attempts + 1, NextAttemptAt = null, Error = null, FinishedAt = next.FinishedAt,
        }));
        next = Decided(next);
        foreach (var id in followers.Select(f => f.Id).Prepend(e.Id))
        {
            _decidedWhileRunning.Remove(id);
        }

        try
        {
            await Task.WhenAll(covered.Select(f => journal.RecordAsync(WeComEventOutcome.Of(f), CancellationToken.None)).Prepend(
                journal.RecordAsync(WeComEventOutcome.Of(next), CancellationToken.None)));
        }
        catch (Exception ex)
        {
            // Not recorded: keep the events as they were and try them again later; applying twice is harmless.
            EventInboxLog.OutcomeNotRecorded(logger, ex, _tenantId, _connectorId, e.Id);
            next = e with { NextAttemptAt = time.GetUtcNow() + _options.RetryDelay(e.Attempts + 1) };
            covered = [];
        }

        foreach (var follower in followers)
        {
            _coalesced.Remove(follower.Id);
        }

        // Followers finish while their head still holds the lane, so that finishing them does not start it again.
        foreach (var follower in covered)
        {
            Finish(follower);
        }

        _running.Remove(e.Id);
        if (next.IsUnfinished)
        {
            _pending[e.Id] = next;
            TryStart(e.Id);
        }
        else
        {
            Finish(next);
        }

        while (_waiting.Count > 0 && _running.Count < _options.ApplyParallelism)
        {
            var waiting = _waiting.Min;
            _waiting.Remove(waiting);
            TryStart(waiting);
        }
    }

    // A held event an administrator decided on while it was being applied ends with the decision.
    private WeComEvent Decided(WeComEvent e) =>
        e.Status == WeComEventStatus.Held && _decidedWhileRunning.TryGetValue(e.Id, out var decision)
            ? e with { Status = decision.Status, FinishedAt = decision.At, DecidedBy = decision.Actor }
            : e;

    private async Task<ContactChangeOutcome> ApplyAsync(WeComEvent e)
    {
        using var scope = LogScopes.Connector(logger, _tenantId, _connectorId);
        using var timeout = new CancellationTokenSource(_options.ApplyTimeout, time);
        var change = WeComEventChanges.ToContactChange(e);
        return await applier.ApplyAsync(_tenantId, _connectorId, e.Id.ToString(CultureInfo.InvariantCulture), change, timeout.Token);
    }

    private WeComEvent Failed(WeComEvent e, Exception ex)
    {
        var attempts = e.Attempts + 1;
        var reason = SafeText.Escape($"{ex.GetType().Name}: {ex.Message}", MaxReasonLength);
        var now = time.GetUtcNow();
        if (attempts >= _options.MaxAttempts)
        {
            EventInboxLog.EventParked(logger, _tenantId, _connectorId, e.Id, e.ChangeType, attempts, reason);
            return e with { Status = WeComEventStatus.Parked, Attempts = attempts, NextAttemptAt = null, Error = reason, FinishedAt = now };
        }

        var delay = _options.RetryDelay(attempts);
        EventInboxLog.EventFailed(logger, _tenantId, _connectorId, e.Id, e.ChangeType, attempts, (long)delay.TotalMilliseconds, reason);
        return e with { Status = WeComEventStatus.Failed, Attempts = attempts, NextAttemptAt = now + delay, Error = reason };
    }

    private void Finish(WeComEvent e)
    {
        CallbackMetrics.Finished(e, time.GetUtcNow());
        _pending.Remove(e.Id);
        _finished.Add(e.Id);
        _finishedOrder.Enqueue(e.Id);
        if (_finishedOrder.Count > RememberedFinished)
        {
            _finished.Remove(_finishedOrder.Dequeue());
        }

        foreach (var key in WeComEventChanges.OrderKeys(e))
        {
            var lane = _lanes[key];
            lane.Remove(e.Id);
            if (lane.Count == 0)
            {
                _lanes.Remove(key);
            }
            else
            {
                TryStart(lane.Min);
            }
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var id in _delayed.Where(id => !_pending.TryGetValue(id, out var e) || e.NextAttemptAt is not { } next || next <= now).ToList())
        {
            _delayed.Remove(id);
            TryStart(id);
        }

        if (_overflow && _pending.Count < _options.MaxInMemory / 2)
        {
            await ScanAsync(cancellationToken);
        }
    }
}
