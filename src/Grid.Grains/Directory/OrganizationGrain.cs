using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Tenants;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Directory;

public sealed partial class OrganizationGrain : Grain, IOrganizationGrain
{
    private const int MaxDepth = 9999;
    private const int MemberPage = 200;

    private readonly IPersistentState<OrganizationState> _state;
    private readonly TimeProvider _time;
    private readonly ILogger<OrganizationGrain> _logger;
    private OutboxRelay<OrganizationState, OrganizationOutbox> _outbox = null!;
    private TenantGuard _tenant = null!;
    private string _organizationId = "";

    public OrganizationGrain(
        [PersistentState("organization", "grid")] IPersistentState<OrganizationState> state,
        TimeProvider time,
        ILogger<OrganizationGrain> logger)
    {
        _state = state;
        _time = time;
        _logger = logger;
    }

    private OrganizationState Current => _state.State;

    private bool IsRoot => _organizationId == GridKeys.RootOrganizationId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenantId, organizationId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        _organizationId = organizationId;
        _tenant = new TenantGuard(GrainFactory, tenantId);
        if (Current.Exists)
        {
            _tenant.MarkKnown();
        }

        var changeFeed = GrainFactory.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenantId));
        _outbox = new(this, _state, changeFeed, DeliverAsync, ex => LogOutboxFlushFailed(_logger, ex, this.GetPrimaryKeyString()),
            ex => LogOutboxClearFailed(_logger, ex, this.GetPrimaryKeyString()));
        _outbox.Resume();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _outbox.PersistEmptiedAsync(cancellationToken);

    public async Task<OrganizationView> Create(OrganizationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        GridKeys.ValidateId(_organizationId, "organization_id");
        var name = ValidateName(spec.Name);
        var code = ValidateCode(spec.Code);
        var externalId = ValidateExternalId(spec.ExternalId);
        var parentId = string.IsNullOrEmpty(spec.ParentId) ? null : spec.ParentId;
        if (IsRoot != (parentId is null))
        {
            throw GridException.Invalid(
                "parent_id", IsRoot ? "the root organization has no parent" : "required (the root is created with the tenant)");
        }

        if (parentId is not null)
        {
            GridKeys.ValidateId(parentId, "parent_id");
            if (parentId == _organizationId)
            {
                throw GridException.Invalid("parent_id", "an organization cannot be its own parent");
            }
        }

        if (Current.Exists)
        {
            if (!Current.IsDeleted
                && Current.Name == name
                && Current.ParentId == parentId
                && Equals(Current.ExternalId, externalId)
                && Current.Code == code
                && Current.Order == spec.Order)
            {
                await FlushOutboxAsync();
                return View();
            }

            throw GridException.Conflict(
                $"organization {_organizationId} already exists{(Current.IsDeleted ? " (deleted)" : "")} with different content",
                "organization_id");
        }

        await _tenant.EnsureExistsAsync();
        var depth = 0;
        if (parentId is not null)
        {
            depth = await AttachAsync(parentId) + 1;
        }

        var now = _time.GetUtcNow();
        var next = CopyState();
        next.Exists = true;
        next.Name = name;
        next.ParentId = parentId;
        next.ExternalId = externalId;
        next.Code = code;
        next.Order = spec.Order;
        next.Depth = depth;
        next.CreatedAt = now;
        next.UpdatedAt = now;
        next.Version = 1;
        next.Outbox.Catalog = true;
        next.Outbox.Entries.Add(Entry(next, ChangeKinds.Created));
        await WriteAsync(next);
        _tenant.MarkKnown();
        await FlushOutboxAsync();
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

        var next = CopyState();
        var kinds = ChangeKinds.None;
        if (change.Name is not null && ValidateName(change.Name) is var name && name != Current.Name)
        {
            next.Name = name;
            kinds |= ChangeKinds.Updated;
        }

        if (change.Code is not null && ValidateCode(change.Code) is var code && code != Current.Code)
        {
            next.Code = code;
            kinds |= ChangeKinds.Updated;
        }

        if (change.Order is { } order && order != Current.Order)
        {
            next.Order = order;
            kinds |= ChangeKinds.Updated;
        }

        if (change.ExternalId is not null && ValidateExternalId(change.ExternalId) is var externalId
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
            await FlushOutboxAsync();
            return View();
        }

        next.Version++;
        next.UpdatedAt = _time.GetUtcNow();
        next.Outbox.Entries.Add(Entry(next, kinds));
        await WriteAsync(next);
        await FlushOutboxAsync();
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
            throw NotFound(_organizationId);
        }

        if (Current.IsDeleted)
        {
            await FlushOutboxAsync();
            return;
        }

        if (IsRoot)
        {
            throw GridException.Precondition("the root organization cannot be deleted");
        }

        var children = await LiveChildrenAsync();
        if (children.Length > 0)
        {
            throw GridException.Precondition(string.Create(
                CultureInfo.InvariantCulture,
                $"organization {_organizationId} has {children.Length} child organization(s); delete or move them first"));
        }

        var left = await RemoveMembersAsync(force);
        if (left > 0)
        {
            LogMembersDetached(_logger, left, this.GetPrimaryKeyString());
        }

        var next = CopyState();
        next.IsDeleted = true;
        next.Version++;
        next.UpdatedAt = _time.GetUtcNow();
        next.Outbox.Catalog = true;
        if (next.ParentId is not null)
        {
            next.Outbox.DetachFrom.Add(next.ParentId);
        }

        next.Outbox.Entries.Add(Entry(next, ChangeKinds.Deleted));
        await WriteAsync(next);
        await FlushOutboxAsync();
    }

    public Task<OrganizationView?> Get() => Task.FromResult(Current.Exists ? View() : null);

    public Task<ImmutableArray<OrganizationView>> ListChildren() => LiveChildrenAsync();

    public async Task<int?> AttachChild(string childId)
    {
        if (!Current.Exists || Current.IsDeleted)
        {
            return null;
        }

        var index = Current.Children.BinarySearch(childId, StringComparer.Ordinal);
        if (index < 0)
        {
            Current.Children.Insert(~index, childId);
            try
            {
                await _state.WriteStateAsync();
            }
            catch
            {
                Current.Children.Remove(childId);
                throw;
            }
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

        Current.Children.RemoveAt(index);
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            Current.Children.Insert(index, childId);
            throw;
        }
    }

    public async Task ParentDepthChanged(string parentId, int parentDepth)
    {
        if (!Current.Exists || Current.IsDeleted || Current.ParentId != parentId || Current.Depth == parentDepth + 1)
        {
            return;
        }

        var next = CopyState();
        next.Outbox.StaleCatalogEntries.Add(Rosters.OrganizationEntry(Current.Depth, _organizationId));
        next.Depth = parentDepth + 1;
        next.Version++;
        next.UpdatedAt = _time.GetUtcNow();
        next.Outbox.Catalog = true;
        next.Outbox.CascadeDepth = true;
        next.Outbox.Entries.Add(Entry(next, ChangeKinds.Updated));
        await WriteAsync(next);
        await FlushOutboxAsync();
    }

    private async Task PrepareMoveAsync(string newParentId, OrganizationState next)
    {
        GridKeys.ValidateId(newParentId, "parent_id");
        if (IsRoot)
        {
            throw GridException.Precondition("the root organization cannot be moved");
        }

        // Walk up from the new parent: meeting this organization means the move would make a cycle. This grain is
        // never called on the way (the walk stops at it), so the walk cannot deadlock on it.
        var ancestor = newParentId;
        for (var steps = 0; ancestor is not null; steps++)
        {
            if (ancestor == _organizationId)
            {
                throw GridException.Precondition(
                    $"cannot move organization {_organizationId} under {newParentId}: {newParentId} is inside it (a cycle)");
            }

            if (steps > MaxDepth)
            {
                throw GridException.Precondition($"organization {newParentId} is nested deeper than {MaxDepth}");
            }

            var view = await Organization(ancestor).Get();
            if (view is null || view.IsDeleted)
            {
                throw NotFound(ancestor, "parent_id");
            }

            ancestor = view.ParentId;
        }

        var depth = await AttachAsync(newParentId) + 1;
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

    private async Task<int> AttachAsync(string parentId)
    {
        var parentDepth = await Organization(parentId).AttachChild(_organizationId) ?? throw NotFound(parentId, "parent_id");
        return parentDepth < MaxDepth
            ? parentDepth
            : throw GridException.Precondition($"organizations cannot be nested deeper than {MaxDepth}");
    }

    private async Task<int> RemoveMembersAsync(bool force)
    {
        var tenantId = _tenant.TenantId;
        var roster = Rosters.Members(_organizationId);
        var left = 0;
        string? after = null;
        do
        {
            var (ids, next) = await Rosters.PageAsync(GrainFactory, tenantId, roster, after, MemberPage);
            var accounts = ids.Select(id => GrainFactory.GetGrain<IAccountGrain>(GridKeys.Account(tenantId, id))).ToList();
            var views = await Task.WhenAll(accounts.Select(a => a.Get()));
            var members = accounts.Where((_, i) => views[i] is { Status: not AccountStatus.Deleted } v
                && v.OrganizationIds.Contains(_organizationId)).ToList();
            if (members.Count > 0 && !force)
            {
                throw GridException.Precondition(
                    $"organization {_organizationId} has members; move them first or delete with force (sync)");
            }

            await Task.WhenAll(members.Select(a => a.LeaveOrganization(_organizationId)));
            left += members.Count;
            after = next;
        }
        while (after is not null);

        return left;
    }

    private async Task<ImmutableArray<OrganizationView>> LiveChildrenAsync()
    {
        var views = await Task.WhenAll(Current.Children.Select(id => Organization(id).Get()));
        return [.. views
            .Where(v => v is { IsDeleted: false } && v.ParentId == _organizationId)
            .Select(v => v!)
            .OrderByDescending(v => v.Order)
            .ThenBy(v => v.OrganizationId, StringComparer.Ordinal)];
    }

    private void EnsureLive()
    {
        if (!Current.Exists)
        {
            throw NotFound(_organizationId);
        }

        if (Current.IsDeleted)
        {
            throw GridException.Precondition($"organization {_organizationId} is deleted");
        }
    }

    private GridException NotFound(string organizationId, string field = "organization_id") =>
        new(GridErrorKind.NotFound, $"organization '{organizationId}' does not exist in tenant '{_tenant.TenantId}'", field);

    private IOrganizationGrain Organization(string organizationId) =>
        GrainFactory.GetGrain<IOrganizationGrain>(GridKeys.Organization(_tenant.TenantId, organizationId));

    private Task WriteAsync(OrganizationState next) => _outbox.WriteAsync(next);

    private Task FlushOutboxAsync() => _outbox.FlushAsync();

    private async Task DeliverAsync(OrganizationOutbox outbox)
    {
        var tenantId = _tenant.TenantId;
        var work = new List<Task>();
        work.AddRange(outbox.DetachFrom
            .Where(parent => parent != Current.ParentId || Current.IsDeleted)
            .Select(parent => Organization(parent).DetachChild(_organizationId)));
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
                Organization(child).ParentDepthChanged(_organizationId, Current.Depth)));
        }
    }

    private OrganizationState CopyState() => new()
    {
        Exists = Current.Exists,
        Name = Current.Name,
        ParentId = Current.ParentId,
        ExternalId = Current.ExternalId,
        Code = Current.Code,
        Order = Current.Order,
        Depth = Current.Depth,
        IsDeleted = Current.IsDeleted,
        Version = Current.Version,
        CreatedAt = Current.CreatedAt,
        UpdatedAt = Current.UpdatedAt,
        Children = [.. Current.Children],
        Outbox = new OrganizationOutbox
        {
            Entries = [.. Current.Outbox.Entries],
            DetachFrom = [.. Current.Outbox.DetachFrom],
            StaleCatalogEntries = [.. Current.Outbox.StaleCatalogEntries],
            Catalog = Current.Outbox.Catalog,
            CascadeDepth = Current.Outbox.CascadeDepth,
        },
    };

    private ChangeEntry Entry(OrganizationState state, ChangeKinds kinds) =>
        new(0, state.UpdatedAt, DirectoryObjectKind.Organization, _organizationId, state.Version, kinds, null, View(state));

    private OrganizationView View() => View(Current);

    private OrganizationView View(OrganizationState state) => new(
        _tenant.TenantId,
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

    private static string ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is 0 or > 128
            ? throw GridException.Invalid("name", "required, at most 128 characters")
            : trimmed;
    }

    private static string? ValidateCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var trimmed = code.Trim();
        return trimmed.Length > 64 ? throw GridException.Invalid("code", "at most 64 characters") : trimmed;
    }

    private static ExternalId? ValidateExternalId(ExternalId? externalId)
    {
        if (externalId is null)
        {
            return null;
        }

        if (UniqueValues.IsEmpty(externalId.Source) || UniqueValues.IsEmpty(externalId.Value))
        {
            throw GridException.Invalid("external_id", "needs a source and a value");
        }

        return new ExternalId(externalId.Source.Trim(), externalId.Value.Trim());
    }

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
