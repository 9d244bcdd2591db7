namespace Grid.Abstractions.Sync;

/// <summary>One full synchronization run of a connector, as the coordinator reports it.</summary>
/// <param name="RunId">Unique within the connector; sorts by start time (e.g. <c>20250101T060000Z-0007</c>).</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector within the tenant.</param>
/// <param name="DryRun">Whether the run stops after the plan.</param>
/// <param name="State">The current state.</param>
/// <param name="Trigger">What started it.</param>
/// <param name="RequestedBy">Who started it: a service client id, or <c>schedule</c>.</param>
/// <param name="ApprovedBy">Who approved it when it was Protected and approved; null otherwise.</param>
/// <param name="StartedAt">When it was accepted.</param>
/// <param name="EndedAt">When it ended; null while active (a Protected run has ended until approved).</param>
/// <param name="Progress">Progress of the current phase (the last phase once ended).</param>
/// <param name="DepartmentsFetched">Visible departments fetched from WeCom.</param>
/// <param name="MembersFetched">Distinct members fetched from WeCom.</param>
/// <param name="Planned">Steps in the plan, per kind (zero until planned).</param>
/// <param name="Applied">Steps applied so far, per kind; <see cref="SyncRunCounts.Failed"/> counts failed steps.</param>
/// <param name="PlanStepCount">Steps in the plan; page through them with <c>ISyncCoordinatorGrain.GetPlan</c>.</param>
/// <param name="Protection">The protection verdict, once planned.</param>
/// <param name="Message">Why the run failed, was protected or was cancelled; empty otherwise.</param>
[GenerateSerializer, Immutable, Alias("grid.sync-run")]
public sealed record SyncRun(
    [property: Id(0)] string RunId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string ConnectorId,
    [property: Id(3)] bool DryRun,
    [property: Id(4)] SyncRunState State,
    [property: Id(5)] SyncTrigger Trigger,
    [property: Id(6)] string RequestedBy,
    [property: Id(7)] string? ApprovedBy,
    [property: Id(8)] DateTimeOffset StartedAt,
    [property: Id(9)] DateTimeOffset? EndedAt,
    [property: Id(10)] SyncRunProgress Progress,
    [property: Id(11)] int DepartmentsFetched,
    [property: Id(12)] int MembersFetched,
    [property: Id(13)] SyncRunCounts Planned,
    [property: Id(14)] SyncRunCounts Applied,
    [property: Id(15)] long PlanStepCount,
    [property: Id(16)] SyncProtectionVerdict? Protection,
    [property: Id(17)] string Message)
{
    /// <summary>True while the run fetches, plans or applies. A Protected run is not active (it applies nothing).</summary>
    public bool IsActive => State is SyncRunState.Pending or SyncRunState.Fetching or SyncRunState.Planning or SyncRunState.Applying;

    /// <summary>True when the run can change no more (every state but the active ones and Protected).</summary>
    public bool IsFinal => !IsActive && State != SyncRunState.Protected;

    /// <summary>How long the run took, or has taken so far.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (EndedAt ?? now) - StartedAt;
}
