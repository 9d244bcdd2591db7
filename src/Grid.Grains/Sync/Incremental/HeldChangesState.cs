using Grid.Abstractions.Events;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;

namespace Grid.Grains.Sync.Incremental;

[GenerateSerializer]
[Alias("grid.held-changes-state")]
public sealed class HeldChangesState
{
    /// <summary>Deletes applied within the budget's window (at most the budget's count per kind), oldest first.</summary>
    [Id(0)]
    public List<BudgetSlot> Window { get; set; } = [];

    /// <summary>Held changes by id, in the order they were held.</summary>
    [Id(1)]
    public List<HeldChange> Held { get; set; } = [];

    /// <summary>Audit entries stored with the change they describe, not yet appended to the tenant's log.</summary>
    [Id(2)]
    public List<AuditEntry> PendingAudit { get; set; } = [];

    /// <summary>The last held change's number (ids are <c>h_{number}</c>).</summary>
    [Id(3)]
    public long LastHeld { get; set; }

    /// <summary>Decisions stored with the removal of the held changes they decide, not yet recorded on their events.</summary>
    [Id(4)]
    public List<HeldEventDecision> PendingDecisions { get; set; } = [];
}

/// <summary>One delete counted in the budget's window.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.budget-slot")]
public sealed record BudgetSlot([property: Id(0)] HeldChangeKind Kind, [property: Id(1)] string Key, [property: Id(2)] DateTimeOffset At);
