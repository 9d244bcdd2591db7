using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Sync.Planning.Steps;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Grid.Grains.Sync;

public sealed class WeComDepartmentGrain(
    [PersistentState("wecom-department", "grid")] IPersistentState<WeComDepartmentState> state,
    DeepCopier<WeComDepartmentState> copier,
    TimeProvider time,
    ILogger<WeComDepartmentGrain> logger) : Grain, IWeComDepartmentSyncGrain
{
    private string TenantId => SyncKeys.Split(this.GetPrimaryKeyString()).TenantId;

    private string ConnectorId => SyncKeys.Split(this.GetPrimaryKeyString()).ConnectorId;

    public async Task<SyncStepApplied> Apply(DepartmentStep step, WeComDepartmentRecord? seen, SyncStepContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(context);
        if (context.ObservedAt < state.State.ObservedAt)
        {
            SyncLog.DepartmentStepSuperseded(logger, TenantId, ConnectorId, step.DepartmentId, step.Kind, context.RunId);
            return new SyncStepApplied(state.State.OrganizationId, Superseded: true);
        }
        var organizationId = step switch
        {
            OrganizationCreate create => await CreateAsync(create, seen, context),
            OrganizationUpdate update => await UpdateAsync(update),
            DepartmentRefresh => state.State.OrganizationId ?? step.OrganizationId,
            OrganizationDelete => await DeleteAsync(step),
            _ => throw GridException.Invalid("step", $"unknown department step {step.GetType().Name}"),
        };

        var next = copier.Copy(state.State);
        next.DepartmentId = step.DepartmentId;
        next.OrganizationId = organizationId;
        next.Department = seen;
        next.LastSyncedAt = time.GetUtcNow();
        next.LastRunId = context.RunId;
        next.ObservedAt = context.ObservedAt ?? next.ObservedAt;
        await state.WriteOrRevertAsync(next);
        SyncLog.DepartmentApplied(logger, TenantId, ConnectorId, step.DepartmentId, step.Kind, organizationId);
        return new SyncStepApplied(organizationId);
    }

    public async Task<WeComDepartmentView?> Get()
    {
        if (state.State.DepartmentId is not { } id)
        {
            return null;
        }

        var entry = await SyncRoster.FindDepartmentAsync(GrainFactory, TenantId, ConnectorId, id);
        return new WeComDepartmentView(
            id,
            state.State.OrganizationId,
            state.State.Department,
            entry?.SourceHash,
            state.State.LastSyncedAt,
            state.State.LastRunId);
    }

    private async Task<string> CreateAsync(OrganizationCreate create, WeComDepartmentRecord? seen, SyncStepContext context)
    {
        var name = SyncConversions.Value(create.Fields, "name") ?? create.Result.Name;
        var code = SyncConversions.Value(create.Fields, "code");
        var parent = create.ParentOrganizationId;
        var externalId = new ExternalId(context.ExternalIdSource, create.DepartmentId.ToString(CultureInfo.InvariantCulture));
        var order = seen?.Order ?? 0;
        if (state.State.OrganizationId is { } linked)
        {
            // Linked by an earlier attempt whose result never reached the roster: bring it up to date.
            await Organization(linked).Apply(new OrganizationChange(name, parent, externalId, code, order));
            return linked;
        }

        var organization = Organization(create.OrganizationId);
        try
        {
            await organization.Create(new OrganizationSpec(name, parent, externalId, code, order));
        }
        catch (GridException error) when (error.Kind == GridErrorKind.Conflict)
        {
            // The planned organization exists with other content (an attempt of this step whose result was not
            // recorded, applied before the department changed again): make it what the plan says.
            await organization.Apply(new OrganizationChange(name, parent, externalId, code, order));
        }

        return create.OrganizationId;
    }

    private async Task<string> UpdateAsync(OrganizationUpdate update)
    {
        var organizationId = state.State.OrganizationId ?? update.OrganizationId;
        var fields = update.Fields;
        await Organization(organizationId).Apply(new OrganizationChange(
            Name: fields is null ? null : SyncConversions.Value(fields, "name") ?? update.Result.Name,
            ParentId: update.ParentOrganizationId,
            Code: fields is null ? null : SyncConversions.Value(fields, "code")));
        return organizationId;
    }

    private async Task<string?> DeleteAsync(DepartmentStep step)
    {
        try
        {
            await Organization(state.State.OrganizationId ?? step.OrganizationId).Delete(force: true);
        }
        catch (GridException error) when (error.Kind == GridErrorKind.NotFound)
        {
            // Never created: nothing to delete.
        }

        return null;
    }

    private IOrganizationGrain Organization(string organizationId) =>
        GrainFactory.GetGrain<IOrganizationGrain>(GridKeys.Organization(TenantId, organizationId));
}
