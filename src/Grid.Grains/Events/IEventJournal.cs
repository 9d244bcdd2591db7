using System.Collections.Immutable;
using Grid.Abstractions.Events;

namespace Grid.Grains.Events;

/// <summary>
/// The durable record of a silo's accepted WeCom change callbacks: PostgreSQL in the cluster profile (appends
/// group-committed across concurrent requests), memory in dev. One row per event, unique per connector on the event's
/// dedupe key, so that WeCom's retries of an event find the row already there. Thread-safe.
/// </summary>
public interface IEventJournal
{
    /// <summary>Stores the event unless one with its dedupe key is there; returns the stored one either way.</summary>
    Task<JournalAppend> AppendAsync(NewWeComEvent entry, CancellationToken cancellationToken);

    /// <summary>Unfinished events (durable or failed) of a connector with an id above <paramref name="after"/>, oldest first.</summary>
    Task<ImmutableArray<WeComEvent>> ReadUnfinishedAsync(
        string tenantId, string connectorId, long after, int max, CancellationToken cancellationToken);

    /// <summary>Records what became of an event (status, attempts, next attempt, error, end, who decided).</summary>
    Task RecordAsync(WeComEventOutcome outcome, CancellationToken cancellationToken);

    /// <summary>
    /// Records a decision on held deletes: the connector's held events that <paramref name="decision"/> covers become its
    /// status, finished at its time, decided by its actor. Events not held are left as they are; how many changed.
    /// </summary>
    Task<int> DecideHeldAsync(string tenantId, string connectorId, HeldEventDecision decision, CancellationToken cancellationToken);

    /// <summary>One event of a connector, or null.</summary>
    Task<WeComEvent?> GetAsync(string tenantId, string connectorId, long id, CancellationToken cancellationToken);

    /// <summary>
    /// A connector's events with an id below <paramref name="before"/> (0: from the newest), newest first, optionally
    /// of one status.
    /// </summary>
    Task<WeComEventPage> ListAsync(
        string tenantId, string connectorId, WeComEventStatus? status, long before, int max, CancellationToken cancellationToken);

    /// <summary>The connectors that have unfinished events.</summary>
    Task<ImmutableArray<(string TenantId, string ConnectorId)>> ListConnectorsWithUnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes applied, ignored, held, approved and discarded events that finished before <paramref name="finishedBefore"/>;
    /// how many.
    /// </summary>
    Task<int> PurgeAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken);
}

/// <summary>
/// An event to store: <see cref="WeComEvent"/> (whose parameters these are) without the id the journal gives it, plus
/// <c>DedupeKey</c>: what identifies the event among WeCom's retries (see <c>ContactEventFingerprint</c>).
/// </summary>
public sealed record NewWeComEvent(
    string TenantId,
    string ConnectorId,
    string DedupeKey,
    string ChangeType,
    string? UserId,
    string? NewUserId,
    long? DepartmentId,
    long? ParentId,
    string CorpId,
    DateTimeOffset CreateTime,
    DateTimeOffset ReceivedAt,
    WeComEventStatus Status)
{
    /// <summary>The stored event, once the journal gave it <paramref name="id"/>.</summary>
    public WeComEvent WithId(long id) => new(
        id,
        TenantId,
        ConnectorId,
        ChangeType,
        UserId,
        NewUserId,
        DepartmentId,
        ParentId,
        CorpId,
        CreateTime,
        ReceivedAt,
        Status,
        Attempts: 0,
        NextAttemptAt: null,
        Error: null,
        FinishedAt: Status == WeComEventStatus.Durable ? null : ReceivedAt);
}

/// <summary>The stored event and whether this append stored it (false: a replay of an event already there).</summary>
public sealed record JournalAppend(WeComEvent Event, bool IsNew);

/// <summary>What became of an event, as <see cref="IEventJournal.RecordAsync"/> stores it.</summary>
public sealed record WeComEventOutcome(
    long Id,
    WeComEventStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? Error,
    DateTimeOffset? FinishedAt,
    string? DecidedBy = null)
{
    public static WeComEventOutcome Of(WeComEvent e) => new(e.Id, e.Status, e.Attempts, e.NextAttemptAt, e.Error, e.FinishedAt, e.DecidedBy);
}
