namespace Grid.Grains.Sync;

[GenerateSerializer]
[Alias("grid.sync-run-chunk-state")]
public sealed class SyncRunChunkState
{
    [Id(0)]
    public List<SyncStepRecord> Steps { get; set; } = [];
}
