using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

/// <summary>One run as the coordinator persists it: the public view plus the apply checkpoint.</summary>
[GenerateSerializer]
[Alias("grid.sync-run-record")]
public sealed class SyncRunRecord
{
    [Id(0)]
    public string RunId { get; set; } = string.Empty;

    [Id(1)]
    public bool DryRun { get; set; }

    [Id(2)]
    public SyncRunState State { get; set; }

    [Id(3)]
    public SyncTrigger Trigger { get; set; }

    [Id(4)]
    public string RequestedBy { get; set; } = string.Empty;

    [Id(5)]
    public string? ApprovedBy { get; set; }

    [Id(6)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(7)]
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The phase and its counters as of the last checkpoint (live progress is kept in memory).</summary>
    [Id(8)]
    public SyncRunProgress Progress { get; set; } = SyncRunProgress.None;

    [Id(9)]
    public int DepartmentsFetched { get; set; }

    [Id(10)]
    public int MembersFetched { get; set; }

    [Id(11)]
    public SyncRunCounts Planned { get; set; } = SyncRunCounts.Zero;

    [Id(12)]
    public SyncRunCounts Applied { get; set; } = SyncRunCounts.Zero;

    [Id(13)]
    public long PlanStepCount { get; set; }

    [Id(14)]
    public SyncProtectionVerdict? Protection { get; set; }

    [Id(15)]
    public string Message { get; set; } = string.Empty;

    /// <summary>Steps per plan chunk, in plan order (chunk n is <c>{tenant}/{connector}/{runId}/{n}</c>).</summary>
    [Id(16)]
    public List<int> ChunkSizes { get; set; } = [];

    /// <summary>The apply checkpoint: the first chunk not yet applied and recorded.</summary>
    [Id(17)]
    public int NextChunk { get; set; }

    /// <summary>Set by Cancel; an applying run stops before its next chunk.</summary>
    [Id(18)]
    public bool CancelRequested { get; set; }

    /// <summary>The external-id source of the connector's members and departments when the run planned (<c>wecom:{corpId}</c>).</summary>
    [Id(19)]
    public string ExternalIdSource { get; set; } = string.Empty;

    public bool IsActive => State is SyncRunState.Pending or SyncRunState.Fetching or SyncRunState.Planning or SyncRunState.Applying;

    public SyncRun ToView(string tenantId, string connectorId, SyncRunProgress? liveProgress) => new(
        RunId,
        tenantId,
        connectorId,
        DryRun,
        State,
        Trigger,
        RequestedBy,
        ApprovedBy,
        StartedAt,
        EndedAt,
        liveProgress ?? Progress,
        DepartmentsFetched,
        MembersFetched,
        Planned,
        Applied,
        PlanStepCount,
        Protection,
        Message);
}
