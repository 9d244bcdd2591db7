using System.Collections.Immutable;
using System.Globalization;

namespace Grid.Grains.Sync;

/// <summary>A run's plan in its chunk grains, <c>{tenant}/{connector}/{runId}/{chunk}</c>.</summary>
internal sealed class SyncRunChunks(IGrainFactory grains, string tenantId, string connectorId) : IPlanStore
{
    public async Task StoreAsync(string runId, IReadOnlyList<ImmutableArray<SyncStepRecord>> chunks)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, TaskScheduler = TaskScheduler.Current };
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chunks.Count), options, async (n, _) => await Chunk(runId, n).Store(chunks[n]));
    }

    public Task<ImmutableArray<SyncStepRecord>> GetAsync(string runId, int chunk) => Chunk(runId, chunk).Get();

    public Task RecordOutcomesAsync(string runId, int chunk, ImmutableArray<SyncStepResult> results) =>
        Chunk(runId, chunk).RecordOutcomes(results);

    // A chunk left behind is never read again.
    public void Forget(string runId, int chunks)
    {
        for (var n = 0; n < chunks; n++)
        {
            _ = Chunk(runId, n).Clear();
        }
    }

    private ISyncRunChunkGrain Chunk(string runId, int chunk) =>
        grains.GetGrain<ISyncRunChunkGrain>(string.Create(CultureInfo.InvariantCulture, $"{tenantId}/{connectorId}/{runId}/{chunk}"));
}
