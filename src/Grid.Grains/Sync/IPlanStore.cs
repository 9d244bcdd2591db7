using System.Collections.Immutable;

namespace Grid.Grains.Sync;

/// <summary>Where a run's plan is kept, chunk by chunk, with each step's outcome.</summary>
internal interface IPlanStore
{
    Task StoreAsync(string runId, IReadOnlyList<ImmutableArray<SyncStepRecord>> chunks);

    Task<ImmutableArray<SyncStepRecord>> GetAsync(string runId, int chunk);

    Task RecordOutcomesAsync(string runId, int chunk, ImmutableArray<SyncStepResult> results);

    /// <summary>Forgets a run's chunks, best effort (the history no longer names them).</summary>
    void Forget(string runId, int chunks);
}
