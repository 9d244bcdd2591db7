using System.Collections.Immutable;
using Grid.Sync.Planning.Steps;

namespace Grid.Sync.Planning;

/// <summary>
/// Steps that do not depend on one another: apply them with bounded parallelism, and finish the batch before the
/// next one starts.
/// </summary>
/// <param name="Phase">The phase.</param>
/// <param name="Depth">Organization depth for organization batches (1 = under the sync node); 0 for account batches.</param>
/// <param name="Steps">The steps, in a stable order.</param>
public sealed record StepBatch(SyncPhase Phase, int Depth, ImmutableArray<SyncStep> Steps);
