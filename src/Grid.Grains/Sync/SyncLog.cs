using Grid.Abstractions.Sync;
using Grid.Sync.Planning;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Sync;

/// <summary>Sync log messages, event ids 1000-1099 (coordinator) and 1100-1199 (member and department grains).</summary>
internal static partial class SyncLog
{
    [LoggerMessage(1000, LogLevel.Information, "Sync run {RunId} of {TenantId}/{ConnectorId} started (dry run: {DryRun}, trigger {Trigger}, by {Actor})")]
    public static partial void RunStarted(ILogger logger, string tenantId, string connectorId, string runId, bool dryRun, SyncTrigger trigger, string actor);

    [LoggerMessage(1001, LogLevel.Information, "Sync run {RunId} of {TenantId}/{ConnectorId} fetched {Departments} departments and {Members} members in {ElapsedMs} ms")]
    public static partial void RunFetched(ILogger logger, string tenantId, string connectorId, string runId, int departments, int members, long elapsedMs);

    [LoggerMessage(1002, LogLevel.Information, "Sync run {RunId} of {TenantId}/{ConnectorId} planned {Steps} steps ({Unchanged} unchanged) in {ElapsedMs} ms")]
    public static partial void RunPlanned(ILogger logger, string tenantId, string connectorId, string runId, long steps, int unchanged, long elapsedMs);

    [LoggerMessage(1003, LogLevel.Warning, "Sync run {RunId} of {TenantId}/{ConnectorId} is protected and applies nothing until approved: {Reason}")]
    public static partial void RunProtected(ILogger logger, string tenantId, string connectorId, string runId, string reason);

    [LoggerMessage(1004, LogLevel.Information, "Sync run {RunId} of {TenantId}/{ConnectorId} ended {State} after {ElapsedMs} ms. {Message}")]
    public static partial void RunEnded(ILogger logger, string tenantId, string connectorId, string runId, SyncRunState state, long elapsedMs, string message);

    [LoggerMessage(1005, LogLevel.Error, "Sync run {RunId} of {TenantId}/{ConnectorId} failed")]
    public static partial void RunFailed(ILogger logger, Exception exception, string tenantId, string connectorId, string runId);

    [LoggerMessage(1006, LogLevel.Information, "Sync run {RunId} of {TenantId}/{ConnectorId} resumes in state {State} at chunk {Chunk} of {Chunks}")]
    public static partial void RunResumed(ILogger logger, string tenantId, string connectorId, string runId, SyncRunState state, int chunk, int chunks);

    [LoggerMessage(1007, LogLevel.Information, "Sync run {RunId} of {TenantId}/{ConnectorId} approved by {Actor}")]
    public static partial void RunApproved(ILogger logger, string tenantId, string connectorId, string runId, string actor);

    [LoggerMessage(1008, LogLevel.Information, "Sync run {RunId} of {TenantId}/{ConnectorId} cancellation requested by {Actor}")]
    public static partial void RunCancelRequested(ILogger logger, string tenantId, string connectorId, string runId, string actor);

    [LoggerMessage(1009, LogLevel.Information, "Scheduled sync of {TenantId}/{ConnectorId} skipped: {Reason}")]
    public static partial void ScheduledSkipped(ILogger logger, string tenantId, string connectorId, string reason);

    [LoggerMessage(1010, LogLevel.Warning, "Sync run {RunId} of {TenantId}/{ConnectorId}: step {StepId} failed: {Error}")]
    public static partial void StepFailed(ILogger logger, string tenantId, string connectorId, string runId, string stepId, string error);

    [LoggerMessage(1011, LogLevel.Warning, "Sync run {RunId} of {TenantId}/{ConnectorId}: the fetch is incomplete, nothing is planned: {Reason}")]
    public static partial void FetchIncomplete(ILogger logger, string tenantId, string connectorId, string runId, string reason);

    [LoggerMessage(1012, LogLevel.Information, "Sync run {RunId} of {TenantId}/{ConnectorId}: user/list_id is not allowed for this app ({ErrCode}); members outside visible departments are not cross-checked")]
    public static partial void MemberIdListUnavailable(ILogger logger, string tenantId, string connectorId, string runId, int errCode);

    [LoggerMessage(1013, LogLevel.Information, "Sync run {RunId} of {TenantId}/{ConnectorId} superseded Protected run {ProtectedRunId}")]
    public static partial void RunSuperseded(ILogger logger, string tenantId, string connectorId, string runId, string protectedRunId);

    [LoggerMessage(1014, LogLevel.Error, "Sync run {RunId} of {TenantId}/{ConnectorId}: its end ({State}) could not be stored; the coordinator restarts from the last checkpoint")]
    public static partial void RunNotRecorded(ILogger logger, Exception exception, string tenantId, string connectorId, string runId, SyncRunState state);

    [LoggerMessage(1015, LogLevel.Warning, "Sync run {RunId} of {TenantId}/{ConnectorId}: the resume reminder could not be unregistered")]
    public static partial void ReminderNotUnregistered(ILogger logger, Exception exception, string tenantId, string connectorId, string runId);

    [LoggerMessage(1016, LogLevel.Warning, "Sync coordinator {TenantId}/{ConnectorId}: the appended audit entries could not be marked as such; they may be appended again")]
    public static partial void AuditNotCleared(ILogger logger, Exception exception, string tenantId, string connectorId);

    [LoggerMessage(1100, LogLevel.Debug, "Member {UserId} of {TenantId}/{ConnectorId}: {Kind} applied (account {AccountId})")]
    public static partial void MemberApplied(ILogger logger, string tenantId, string connectorId, string userId, SyncStepKind kind, string? accountId);

    [LoggerMessage(1101, LogLevel.Information, "Member {UserId} of {TenantId}/{ConnectorId} handed over to its new userid {NewUserId}")]
    public static partial void MemberHandedOver(ILogger logger, string tenantId, string connectorId, string userId, string newUserId);

    [LoggerMessage(1105, LogLevel.Warning, "Member {UserId} of {TenantId}/{ConnectorId}: consented fields kept but not mapped into the account: {Reason}")]
    public static partial void ConsentNotMapped(ILogger logger, string tenantId, string connectorId, string userId, string reason);

    [LoggerMessage(1102, LogLevel.Debug, "Department {DepartmentId} of {TenantId}/{ConnectorId}: {Kind} applied (organization {OrganizationId})")]
    public static partial void DepartmentApplied(ILogger logger, string tenantId, string connectorId, long departmentId, SyncStepKind kind, string? organizationId);

    [LoggerMessage(1103, LogLevel.Information, "Member {UserId} of {TenantId}/{ConnectorId}: {Kind} of {RunId} superseded by a newer observation")]
    public static partial void MemberStepSuperseded(ILogger logger, string tenantId, string connectorId, string userId, SyncStepKind kind, string runId);

    [LoggerMessage(1104, LogLevel.Information, "Department {DepartmentId} of {TenantId}/{ConnectorId}: {Kind} of {RunId} superseded by a newer observation")]
    public static partial void DepartmentStepSuperseded(ILogger logger, string tenantId, string connectorId, long departmentId, SyncStepKind kind, string runId);
}
