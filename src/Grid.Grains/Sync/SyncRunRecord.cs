using System.Globalization;
using Grid.Abstractions;
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

    /// <summary>When the run's fetch began: what it applies was observed in WeCom then, or later (newer wins).</summary>
    [Id(20)]
    public DateTimeOffset? FetchStartedAt { get; set; }

    public bool IsActive => State is SyncRunState.Pending or SyncRunState.Fetching or SyncRunState.Planning or SyncRunState.Applying;

    /// <summary>A run accepted at <paramref name="now"/>, numbered by the connector's run <paramref name="sequence"/>.</summary>
    public static SyncRunRecord New(DateTimeOffset now, long sequence, bool dryRun, SyncTrigger trigger, string actor) => new()
    {
        RunId = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{sequence:D4}"),
        DryRun = dryRun,
        State = SyncRunState.Pending,
        Trigger = trigger,
        RequestedBy = actor,
        StartedAt = now,
    };

    public void End(SyncRunState state, string message, DateTimeOffset now)
    {
        State = state;
        EndedAt = now;
        Message = message;
    }

    /// <summary>FailedPrecondition unless the run waits for approval.</summary>
    public void RequireProtected()
    {
        if (State != SyncRunState.Protected)
        {
            throw GridException.Precondition($"run {RunId} is {State}, not Protected: only a Protected run can be approved (once)");
        }
    }

    /// <summary>An approved Protected run applies its kept plan from the start.</summary>
    public void Approve(string actor)
    {
        State = SyncRunState.Applying;
        ApprovedBy = actor;
        EndedAt = null;
        NextChunk = 0;
        Message = string.Empty;
    }

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
