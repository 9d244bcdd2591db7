namespace Grid.Grains.Directory;

[GenerateSerializer]
[Alias("grid.roster-partition-state")]
public sealed class RosterPartitionState
{
    /// <summary>The items, sorted ordinally, without repeats.</summary>
    [Id(0)]
    public List<string> Items { get; set; } = [];
}
