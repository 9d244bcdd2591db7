namespace Grid.Grains.Directory;

[GenerateSerializer]
[Alias("grid.roster-partition-state")]
public sealed class RosterPartitionState
{
    /// <summary>
    /// The bucket's first items, sorted ordinally, without repeats: up to
    /// <see cref="RosterPartitionGrain.SegmentCapacity"/>, or every item of a bucket stored before segments existed.
    /// </summary>
    [Id(0)]
    public List<string> Items { get; set; } = [];

    /// <summary>How many segments (<see cref="IRosterSegmentGrain"/> 1 to this) hold the items beyond the first.</summary>
    [Id(1)]
    public int Segments { get; set; }
}

[GenerateSerializer]
[Alias("grid.roster-segment-state")]
public sealed class RosterSegmentState
{
    /// <summary>Up to <see cref="RosterPartitionGrain.SegmentCapacity"/> items of a bucket, sorted ordinally.</summary>
    [Id(0)]
    public List<string> Items { get; set; } = [];

    /// <summary>Grows by one with every store: a bucket stores only over the version it read.</summary>
    [Id(1)]
    public long Version { get; set; }
}
