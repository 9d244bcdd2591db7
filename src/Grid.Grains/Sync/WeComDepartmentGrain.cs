using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Sync;

public sealed class WeComDepartmentGrain(
    [PersistentState("wecom-department", "grid")] IPersistentState<WeComDepartmentState> state,
    TimeProvider time,
    ILogger<WeComDepartmentGrain> logger) : Grain, IWeComDepartmentGrain
{
    private string TenantId => SyncKeys.Split(this.GetPrimaryKeyString()).TenantId;

    private string ConnectorId => SyncKeys.Split(this.GetPrimaryKeyString()).ConnectorId;

    public async Task<string?> Apply(DepartmentSyncChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var organizationId = change.Kind switch
        {
            DepartmentChangeKind.Create => await CreateAsync(change),
            DepartmentChangeKind.Update => await UpdateAsync(change),
            DepartmentChangeKind.Refresh => state.State.OrganizationId ?? change.OrganizationId,
            DepartmentChangeKind.Delete => await DeleteAsync(change),
            _ => throw GridException.Invalid("kind", $"unknown department change {change.Kind}"),
        };

        state.State.DepartmentId = change.DepartmentId;
        state.State.OrganizationId = organizationId;
        state.State.Department = change.Department;
        state.State.SourceHash = change.SourceHash;
        state.State.LastSyncedAt = time.GetUtcNow();
        state.State.LastRunId = change.RunId;
        await state.WriteStateAsync();
        SyncLog.DepartmentApplied(logger, TenantId, ConnectorId, change.DepartmentId, change.Kind, organizationId);
        return organizationId;
    }

    public Task<WeComDepartmentView?> Get() => Task.FromResult(state.State.DepartmentId is not { } id
        ? null
        : new WeComDepartmentView(
            id,
            state.State.OrganizationId,
            state.State.Department,
            state.State.SourceHash,
            state.State.LastSyncedAt,
            state.State.LastRunId));

    private async Task<string> CreateAsync(DepartmentSyncChange change)
    {
        var name = change.Name ?? throw GridException.Invalid("name", "required to create an organization");
        var parent = change.ParentOrganizationId
            ?? throw GridException.Invalid("parent_id", "required to create an organization");
        var externalId = ExternalIdOf(change);
        var order = change.Department?.Order ?? 0;
        if (state.State.OrganizationId is { } linked)
        {
            // Linked by an earlier attempt whose result never reached the roster: bring it up to date.
            await Organization(linked).Apply(new OrganizationChange(name, parent, externalId, change.Code, order));
            return linked;
        }

        var organization = Organization(change.OrganizationId);
        try
        {
            await organization.Create(new OrganizationSpec(name, parent, externalId, change.Code, order));
        }
        catch (GridException error) when (error.Kind == GridErrorKind.Conflict)
        {
            // The planned organization exists with other content (an attempt of this step whose result was not
            // recorded, applied before the department changed again): make it what the plan says.
            await organization.Apply(new OrganizationChange(name, parent, externalId, change.Code, order));
        }

        return change.OrganizationId;
    }

    private async Task<string> UpdateAsync(DepartmentSyncChange change)
    {
        var organizationId = state.State.OrganizationId ?? change.OrganizationId;
        await Organization(organizationId).Apply(new OrganizationChange(
            Name: change.Name, ParentId: change.ParentOrganizationId, Code: change.Name is null ? null : change.Code));
        return organizationId;
    }

    private async Task<string?> DeleteAsync(DepartmentSyncChange change)
    {
        try
        {
            await Organization(state.State.OrganizationId ?? change.OrganizationId).Delete(force: true);
        }
        catch (GridException error) when (error.Kind == GridErrorKind.NotFound)
        {
            // Never created: nothing to delete.
        }

        return null;
    }

    private static ExternalId ExternalIdOf(DepartmentSyncChange change) =>
        new(change.ExternalIdSource, change.DepartmentId.ToString(CultureInfo.InvariantCulture));

    private IOrganizationGrain Organization(string organizationId) =>
        GrainFactory.GetGrain<IOrganizationGrain>(GridKeys.Organization(TenantId, organizationId));
}
