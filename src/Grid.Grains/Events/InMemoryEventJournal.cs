using System.Collections.Immutable;
using Grid.Abstractions.Events;

namespace Grid.Grains.Events;

/// <summary>The dev profile's journal: events in this process's memory, lost when it stops (as all dev state is).</summary>
public sealed class InMemoryEventJournal : IEventJournal
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, WeComEvent> _events = [];
    private readonly Dictionary<(string Tenant, string Connector, string Key), long> _keys = [];
    private readonly Dictionary<long, (string Tenant, string Connector, string Key)> _keyOf = [];
    private long _last;

    public Task<JournalAppend> AppendAsync(NewWeComEvent entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            var key = (entry.TenantId, entry.ConnectorId, entry.DedupeKey);
            if (_keys.TryGetValue(key, out var existing))
            {
                return Task.FromResult(new JournalAppend(_events[existing], IsNew: false));
            }

            var stored = entry.WithId(++_last);
            _events.Add(stored.Id, stored);
            _keys.Add(key, stored.Id);
            _keyOf.Add(stored.Id, key);
            return Task.FromResult(new JournalAppend(stored, IsNew: true));
        }
    }

    public Task<ImmutableArray<WeComEvent>> ReadUnfinishedAsync(
        string tenantId, string connectorId, long after, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_events.Values
                .Where(e => e.Id > after && e.IsUnfinished && Of(e, tenantId, connectorId))
                .Take(max)
                .ToImmutableArray());
        }
    }

    public Task RecordAsync(WeComEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_lock)
        {
            if (_events.TryGetValue(outcome.Id, out var e))
            {
                _events[outcome.Id] = e with
                {
                    Status = outcome.Status,
                    Attempts = outcome.Attempts,
                    NextAttemptAt = outcome.NextAttemptAt,
                    Error = outcome.Error,
                    FinishedAt = outcome.FinishedAt,
                    DecidedBy = outcome.DecidedBy,
                };
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> DecideHeldAsync(string tenantId, string connectorId, HeldEventDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        lock (_lock)
        {
            var decided = _events.Values.Where(e => Of(e, tenantId, connectorId) && decision.Covers(e)).ToList();
            foreach (var e in decided)
            {
                _events[e.Id] = e with { Status = decision.Status, FinishedAt = decision.At, DecidedBy = decision.Actor };
            }

            return Task.FromResult(decided.Count);
        }
    }

    public Task<WeComEvent?> GetAsync(string tenantId, string connectorId, long id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_events.TryGetValue(id, out var e) && Of(e, tenantId, connectorId) ? e : null);
        }
    }

    public Task<WeComEventPage> ListAsync(
        string tenantId, string connectorId, WeComEventStatus? status, long before, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var page = _events.Values.Reverse()
                .Where(e => (before == 0 || e.Id < before) && Of(e, tenantId, connectorId) && (status is null || e.Status == status))
                .Take(max + 1)
                .ToList();
            var more = page.Count > max;
            var events = page.Take(max).ToImmutableArray();
            return Task.FromResult(new WeComEventPage(events, more ? events[^1].Id : 0));
        }
    }

    public Task<ImmutableArray<(string TenantId, string ConnectorId)>> ListConnectorsWithUnfinishedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_events.Values
                .Where(e => e.IsUnfinished)
                .Select(e => (e.TenantId, e.ConnectorId))
                .Distinct()
                .ToImmutableArray());
        }
    }

    public Task<int> PurgeAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var purged = _events.Values.Where(e => WeComEventRetention.IsPurgeable(e, finishedBefore)).Select(e => e.Id).ToList();
            foreach (var id in purged)
            {
                _events.Remove(id);
                _keys.Remove(_keyOf[id]);
                _keyOf.Remove(id);
            }

            return Task.FromResult(purged.Count);
        }
    }

    private static bool Of(WeComEvent e, string tenantId, string connectorId) =>
        e.TenantId == tenantId && e.ConnectorId == connectorId;
}
