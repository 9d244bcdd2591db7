using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions.Sync;
using Grid.Contracts.V1;
using Domain = Grid.Abstractions.Sync;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

/// <summary>Sync runs and mapping previews → grid.v1 messages. The enums share their numbers with the protos.</summary>
internal static class SyncMapper
{
    public static V1.SyncRun ToProto(this Domain.SyncRun run) => new()
    {
        RunId = run.RunId,
        TenantId = run.TenantId,
        ConnectorId = run.ConnectorId,
        DryRun = run.DryRun,
        State = (V1.SyncRunState)(int)run.State,
        Trigger = (V1.SyncTrigger)(int)run.Trigger,
        StartedAt = Timestamp.FromDateTimeOffset(run.StartedAt),
        EndedAt = run.EndedAt is { } ended ? Timestamp.FromDateTimeOffset(ended) : null,
        Progress = new SyncProgress { Phase = run.Progress.Phase, Completed = run.Progress.Completed, Total = run.Progress.Total },
        Planned = run.Planned.ToProto(),
        Applied = run.Applied.ToProto(),
        Message = run.Message,
        RequestedBy = run.RequestedBy,
        ApprovedBy = run.ApprovedBy ?? "",
        DepartmentsFetched = run.DepartmentsFetched,
        MembersFetched = run.MembersFetched,
        PlanStepCount = run.PlanStepCount,
        Protection = run.Protection is { } verdict
            ? new ProtectionVerdict
            {
                Exceeded = verdict.Exceeded,
                AccountDeletes = verdict.AccountDeletes,
                MaxAccountDeletes = verdict.MaxAccountDeletes,
                OrganizationDeletes = verdict.OrganizationDeletes,
                MaxOrganizationDeletes = verdict.MaxOrganizationDeletes,
                Reason = verdict.Reason,
            }
            : null,
    };

    public static SyncCounts ToProto(this SyncRunCounts counts) => new()
    {
        OrganizationsCreated = counts.OrganizationsCreated,
        OrganizationsUpdated = counts.OrganizationsUpdated,
        OrganizationsDeleted = counts.OrganizationsDeleted,
        AccountsCreated = counts.AccountsCreated,
        AccountsAdopted = counts.AccountsAdopted,
        AccountsUpdated = counts.AccountsUpdated,
        AccountsDeleted = counts.AccountsDeleted,
        UseridsChanged = counts.UseridsChanged,
        Unchanged = counts.Unchanged,
        Failed = counts.Failed,
        Superseded = counts.Superseded,
    };

    public static PlanStep ToProto(this SyncRunStep step) => new()
    {
        Index = step.Index,
        StepId = step.StepId,
        Action = step.Action,
        Source = step.Source,
        Target = step.Target,
        Description = step.Description,
        Outcome = (StepOutcome)(int)step.Outcome,
        Error = step.Error ?? "",
    };

    public static MappedMember ToProto(this MappingPreview preview) => new()
    {
        Userid = preview.UserId,
        AccountFields = { preview.AccountFields },
        Errors = { preview.Errors },
        MatchedAccountId = preview.MatchedAccountId ?? "",
    };
}
