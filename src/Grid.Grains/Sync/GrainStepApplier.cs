using Grid.Abstractions.Sync;
using Grid.Sync.Planning.Steps;

namespace Grid.Grains.Sync;

/// <summary>Applies a step through the member or department grain it is about.</summary>
internal sealed class GrainStepApplier(IGrainFactory grains, string tenantId, string connectorId) : IStepApplier
{
    public async Task<SyncStepApplied> ApplyAsync(SyncStepRecord step, SyncStepContext context) => step.Step switch
    {
        MemberStep member => await grains
            .GetGrain<IWeComMemberSyncGrain>(SyncKeys.Member(tenantId, connectorId, member.UserId))
            .Apply(member, context),
        DepartmentStep department => await grains
            .GetGrain<IWeComDepartmentSyncGrain>(SyncKeys.Department(tenantId, connectorId, department.DepartmentId))
            .Apply(department, step.Department, context),

        // A chunk stored by an earlier version holds no planner step: plan again rather than guess.
        _ => throw new InvalidOperationException($"step {step.View.StepId} was planned by an earlier version of Grid; start a new run"),
    };
}
