using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Grid.Grains.Directory;

public sealed partial class OrganizationGrain : Grain, IOrganizationGrain
{
    private readonly IPersistentState<OrganizationState> _state;
    private readonly DeepCopier<OrganizationState> _copier;
    private readonly TimeProvider _time;
    private readonly ILogger<OrganizationGrain> _logger;
    private DirectoryRecord<OrganizationState, OrganizationOutbox> _record = null!;
    private OrganizationTree _tree = null!;
    private string _organizationId = "";

    public OrganizationGrain(
        [PersistentState("organization", "grid")] IPersistentState<OrganizationState> state,
        DeepCopier<OrganizationState> copier,
        TimeProvider time,
        ILogger<OrganizationGrain> logger)
    {
        _state = state;
        _copier = copier;
        _time = time;
        _logger = logger;
    }

    private OrganizationState Current => _state.State;

    private bool IsRoot => _organizationId == GridKeys.RootOrganizationId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenantId, organizationId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        _organizationId = organizationId;
        _record = new(this, _state, _copier, GrainFactory, tenantId, _time, Entry, DeliverAsync,
            ex => LogOutboxFlushFailed(_logger, ex, this.GetPrimaryKeyString()),
            ex => LogOutboxClearFailed(_logger, ex, this.GetPrimaryKeyString()));
        _record.Activate();
        _tree = new OrganizationTree(GrainFactory, tenantId, organizationId);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _record.PersistEmptiedAsync(cancellationToken);

    private TenantGuard Tenant => _record.Tenant;

    public async Task<OrganizationView> Create(OrganizationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        GridKeys.ValidateId(_organizationId, "organization_id");
        var name = OrganizationValidation.Name(spec.Name);
        var code = OrganizationValidation.Code(spec.Code);
        var externalId = OrganizationValidation.ExternalId(spec.ExternalId);
        var parentId = OrganizationValidation.Parent(_organizationId, spec.ParentId);

        if (Current.Exists)
        {
            if (!Current.IsDeleted
                && Current.Name == name
                && Current.ParentId == parentId
                && Equals(Current.ExternalId, externalId)
                && Current.Code == code
                && Current.Order == spec.Order)
            {
                await _record.FlushAsync();
                return View();
            }

            throw GridException.Conflict(
                $"organization {_organizationId} already exists{(Current.IsDeleted ? " (deleted)" : "")} with different content",
                "organization_id");
        }

        await Tenant.EnsureExistsAsync();
        var depth = 0;
        if (parentId is not null)
        {
            depth = await _tree.AttachAsync(parentId) + 1;
        }

        var next = _record.Copy();
        next.Name = name;
        next.ParentId = parentId;
        next.ExternalId = externalId;
        next.Code = code;
        next.Order = spec.Order;
        next.Depth = depth;
        next.Outbox.Catalog = true;
        await _record.CommitAsync(next, ChangeKinds.Created);
        return View();
    }

    public async Task<OrganizationView> Apply(OrganizationChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        EnsureLive();
        if (change.ExpectedVersion is { } expected && expected != Current.Version)
        {
            throw GridException.Precondition(string.Create(
                CultureInfo.InvariantCulture,
                $"organization {_organizationId} is at version {Current.Version}, not {expected}"));
        }

        var next = _record.Copy();
        var kinds = ChangeKinds.None;
        if (change.Name is not null && OrganizationValidation.Name(change.Name) is var name && name != Current.Name)
        {
            next.Name = name;
            kinds |= ChangeKinds.Updated;
        }

        if (change.Code is not null && OrganizationValidation.Code(change.Code) is var code && code != Current.Code)
        {
            next.Code = code;
            kinds |= ChangeKinds.Updated;
        }

        if (change.Order is { } order && order != Current.Order)
        {
            next.Order = order;
            kinds |= ChangeKinds.Updated;
        }

        if (change.ExternalId is not null && OrganizationValidation.ExternalId(change.ExternalId) is var externalId
            && !Equals(externalId, Current.ExternalId))
        {
            next.ExternalId = externalId;
            kinds |= ChangeKinds.Rebound;
        }

        if (!string.IsNullOrEmpty(change.ParentId) && change.ParentId != Current.ParentId)
        {
            await PrepareMoveAsync(change.ParentId, next);
            kinds |= ChangeKinds.Moved;
        }

        if (kinds == ChangeKinds.None)
        {
            await _record.FlushAsync();
            return View();
        }

        await _record.CommitAsync(next, kinds);
        return View();
    }

    public Task<OrganizationView> Rename(string name) => Apply(new OrganizationChange(Name: name));

    public Task<OrganizationView> Move(string newParentId)
    {
        if (string.IsNullOrEmpty(newParentId))
        {
            throw GridException.Invalid("parent_id", "required");
        }

        return Apply(new OrganizationChange(ParentId: newParentId));
    }

    public async Task Delete(bool force)
    {
        if (!Current.Exists)
        {
            throw _tree.NotFound(_organizationId);
        }

        if (Current.IsDeleted)
        {
            await _record.FlushAsync();
            return;
        }

        if (IsRoot)
        {
            throw GridException.Precondition("the root organization cannot be deleted");
        }

        var children = await _tree.LiveChildrenAsync(Current.Children);
        if (children.Length > 0)
        {
            throw GridException.Precondition(string.Create(
                CultureInfo.InvariantCulture,
                $"organization {_organizationId} has {children.Length} child organization(s); delete or move them first"));
        }

        var left = await _tree.RemoveMembersAsync(force);
        if (left > 0)
        {
            LogMembersDetached(_logger, left, this.GetPrimaryKeyString());
        }

        var next = _record.Copy();
        next.IsDeleted = true;
        next.Outbox.Catalog = true;
        if (next.ParentId is not null)
        {
            next.Outbox.DetachFrom.Add(next.ParentId);
        }

        await _record.CommitAsync(next, ChangeKinds.Deleted);
    }

    public Task<OrganizationView?> Get() => Task.FromResult(Current.Exists ? View() : null);

    public Task<ImmutableArray<OrganizationView>> ListChildren() => _tree.LiveChildrenAsync(Current.Children);

    public async Task<int?> AttachChild(string childId)
    {
        if (!Current.Exists || Current.IsDeleted)
        {
            return null;
        }

        var index = Current.Children.BinarySearch(childId, StringComparer.Ordinal);
        if (index < 0)
        {
            var next = _record.Copy();
            next.Children.Insert(~index, childId);
            await _record.WriteAsync(next);
        }

        return Current.Depth;
    }

    public async Task DetachChild(string childId)
    {
        var index = Current.Children.BinarySearch(childId, StringComparer.Ordinal);
        if (index < 0)
        {
            return;
        }

        var next = _record.Copy();
        next.Children.RemoveAt(index);
        await _record.WriteAsync(next);
    }

    public async Task ParentDepthChanged(string parentId, int parentDepth)
    {
        if (!Current.Exists || Current.IsDeleted || Current.ParentId != parentId || Current.Depth == parentDepth + 1)
        {
            return;
        }

        var next = _record.Copy();
        next.Outbox.StaleCatalogEntries.Add(Rosters.OrganizationEntry(Current.Depth, _organizationId));
        next.Depth = parentDepth + 1;
        next.Outbox.Catalog = true;
        next.Outbox.CascadeDepth = true;
        await _record.CommitAsync(next, ChangeKinds.Updated);
    }

    private async Task PrepareMoveAsync(string newParentId, OrganizationState next)
    {
        GridKeys.ValidateId(newParentId, "parent_id");
        if (IsRoot)
        {
            throw GridException.Precondition("the root organization cannot be moved");
        }

        await _tree.RefuseCycleAsync(newParentId);
        var depth = await _tree.AttachAsync(newParentId) + 1;
        if (Current.ParentId is not null)
        {
            next.Outbox.DetachFrom.Add(Current.ParentId);
        }

        next.ParentId = newParentId;
        if (depth != Current.Depth)
        {
            next.Outbox.StaleCatalogEntries.Add(Rosters.OrganizationEntry(Current.Depth, _organizationId));
            next.Outbox.CascadeDepth = true;
            next.Depth = depth;
        }

        next.Outbox.Catalog = true;
    }

    private void EnsureLive()
    {
        if (!Current.Exists)
        {
            throw _tree.NotFound(_organizationId);
        }

        if (Current.IsDeleted)
        {
            throw GridException.Precondition($"organization {_organizationId} is deleted");
        }
    }

    private async Task DeliverAsync(OrganizationOutbox outbox)
    {
        var tenantId = Tenant.TenantId;
        var work = new List<Task>();
        work.AddRange(outbox.DetachFrom
            .Where(parent => parent != Current.ParentId || Current.IsDeleted)
            .Select(parent => _tree.Organization(parent).DetachChild(_organizationId)));
        var entry = Rosters.OrganizationEntry(Current.Depth, _organizationId);
        work.AddRange(outbox.StaleCatalogEntries
            .Where(stale => stale != entry || Current.IsDeleted)
            .Select(stale => Rosters.Partition(GrainFactory, tenantId, Rosters.OrganizationCatalog, stale).Remove(stale)));
        if (outbox.Catalog)
        {
            var catalog = Rosters.Partition(GrainFactory, tenantId, Rosters.OrganizationCatalog, entry);
            work.Add(Current.IsDeleted ? catalog.Remove(entry) : catalog.Add(entry));
        }

        await Task.WhenAll(work);
        if (outbox.CascadeDepth && !Current.IsDeleted)
        {
            await Task.WhenAll(Current.Children.Select(child =>
                _tree.Organization(child).ParentDepthChanged(_organizationId, Current.Depth)));
        }
    }

    private ChangeEntry Entry(OrganizationState state, ChangeKinds kinds) =>
        new(0, state.UpdatedAt, DirectoryObjectKind.Organization, _organizationId, state.Version, kinds, null, View(state));

    private OrganizationView View() => View(Current);

    private OrganizationView View(OrganizationState state) => new(
        Tenant.TenantId,
        _organizationId,
        state.Name,
        state.ParentId,
        state.ExternalId,
        state.Code,
        state.Order,
        state.Depth,
        state.IsDeleted,
        state.Version,
        state.CreatedAt,
        state.UpdatedAt);

    [LoggerMessage(EventId = 4040, Level = LogLevel.Warning,
        Message = "Organization {Key}: outbox not flushed yet (parent, catalog, children or change feed); retrying")]
    private static partial void LogOutboxFlushFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 4041, Level = LogLevel.Warning,
        Message = "Organization {Key}: could not persist the emptied outbox (entries may be replayed once)")]
    private static partial void LogOutboxClearFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 4042, Level = LogLevel.Information,
        Message = "Organization {Key}: forced delete made {Count} member account(s) leave it")]
    private static partial void LogMembersDetached(ILogger logger, int count, string key);
}
