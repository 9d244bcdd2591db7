namespace Grid.Grains.Tenants;

[GenerateSerializer]
[Alias("grid.log-segment-state`1")]
public sealed class LogSegmentState<TEntry>
{
    [Id(0)]
    public List<TEntry> Entries { get; set; } = [];
}
