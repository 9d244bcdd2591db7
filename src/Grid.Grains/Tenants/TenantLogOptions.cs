namespace Grid.Grains.Tenants;

/// <summary>
/// Shape and retention of the per-tenant logs (change feed, audit trail), section <c>Grid:Logs</c>. A log keeps at most
/// <see cref="RetainedSegments"/> × <see cref="SegmentSize"/> entries; older segments are dropped whole.
/// </summary>
public sealed class TenantLogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Grid:Logs";

    /// <summary>Entries per segment (one state row each), 8..4096. Fixed for a log once it has its first entry.</summary>
    public int SegmentSize { get; set; } = 256;

    /// <summary>Segments kept, 2..1,000,000 (the default keeps about a million entries).</summary>
    public int RetainedSegments { get; set; } = 4096;
}
