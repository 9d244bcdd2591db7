using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Grains.Sync;

/// <summary>
/// Up to <see cref="SyncOptions.ChunkSize"/> consecutive steps of a run's plan with their outcomes, key
/// <c>{tenant}/{connectorId}/{runId}/{chunk}</c>. Plans and per-step outcomes live here rather than in the
/// coordinator, so that no state row grows with the size of the directory.
/// </summary>
[Alias("grid.ISyncRunChunkGrain")]
public interface ISyncRunChunkGrain : IGrainWithStringKey
{
    /// <summary>Stores the planned steps (replacing anything stored).</summary>
    [Alias("Store")]
    Task Store(ImmutableArray<SyncStepRecord> steps);

    /// <summary>The steps with their current outcomes.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<ImmutableArray<SyncStepRecord>> Get();

    /// <summary>Records outcomes in one write; steps not named keep theirs.</summary>
    [Alias("RecordOutcomes")]
    Task RecordOutcomes(ImmutableArray<SyncStepResult> results);

    /// <summary>Forgets the chunk (its run left the retained history).</summary>
    [Alias("Clear")]
    Task Clear();
}
