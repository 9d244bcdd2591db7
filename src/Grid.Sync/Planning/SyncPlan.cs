using System.Collections.Immutable;
using Grid.Sync.Planning.Steps;

namespace Grid.Sync.Planning;

/// <summary>
/// Everything one sync run would change, in apply order: organization batches by depth (parents first), the account
/// batch, the account-delete batch, then organization-delete batches (deepest first).
/// </summary>
/// <param name="Batches">The batches in apply order; none is empty.</param>
/// <param name="Summary">Counts per kind.</param>
/// <param name="Issues">What could not be planned and was left as it was.</param>
public sealed record SyncPlan(ImmutableArray<StepBatch> Batches, PlanSummary Summary, ImmutableArray<PlanIssue> Issues)
{
    /// <summary>Every step in apply order.</summary>
    public IEnumerable<SyncStep> Steps => Batches.SelectMany(batch => batch.Steps);

    /// <summary>True when the run has nothing to apply.</summary>
    public bool IsEmpty => Batches.IsEmpty;
}
