namespace Grid.Grains.Tenants;

[GenerateSerializer]
[Alias("grid.tenant-log-state")]
public sealed class TenantLogState
{
    /// <summary>Entries per segment, fixed when the log is first used (0 before).</summary>
    [Id(0)]
    public int SegmentSize { get; set; }

    /// <summary>The segment appends go to (0-based); segment n holds sequences n×size+1 .. (n+1)×size.</summary>
    [Id(1)]
    public long CurrentSegment { get; set; }

    /// <summary>The oldest segment not dropped by retention.</summary>
    [Id(2)]
    public long FirstRetainedSegment { get; set; }
}
