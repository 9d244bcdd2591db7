using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

/// <summary>
/// What an organization asks of the organizations and accounts around it: its parent's depth, whether a move makes a
/// cycle, its live children, its members. Reads and calls only; the organization's own state is its grain's.
/// </summary>
internal sealed class OrganizationTree(IGrainFactory grains, string tenantId, string organizationId)
{
    public const int MaxDepth = 9999;
    private const int MemberPage = 200;

    public IOrganizationGrain Organization(string id) =>
        grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(tenantId, id));

    public GridException NotFound(string id, string field = "organization_id") =>
        new(GridErrorKind.NotFound, $"organization '{id}' does not exist in tenant '{tenantId}'", field);

    /// <summary>Refuses a move under <paramref name="newParentId"/> when that is inside this organization, missing or too deep.</summary>
    public async Task RefuseCycleAsync(string newParentId)
    {
        // Walk up from the new parent: meeting this organization means the move would make a cycle. This grain is
        // never called on the way (the walk stops at it), so the walk cannot deadlock on it.
        var ancestor = newParentId;
        for (var steps = 0; ancestor is not null; steps++)
        {
            if (ancestor == organizationId)
            {
                throw GridException.Precondition(
                    $"cannot move organization {organizationId} under {newParentId}: {newParentId} is inside it (a cycle)");
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
    }

    /// <summary>Makes the parent list this organization; returns the parent's depth.</summary>
    public async Task<int> AttachAsync(string parentId)
    {
        var parentDepth = await Organization(parentId).AttachChild(organizationId) ?? throw NotFound(parentId, "parent_id");
        return parentDepth < MaxDepth
            ? parentDepth
            : throw GridException.Precondition($"organizations cannot be nested deeper than {MaxDepth}");
    }

    /// <summary>
    /// Makes the live member accounts leave this organization (only with <paramref name="force"/>, else refuses when
    /// there are any); returns how many left.
    /// </summary>
    public async Task<int> RemoveMembersAsync(bool force)
    {
        var roster = Rosters.Members(organizationId);
        var left = 0;
        string? after = null;
        do
        {
            var (ids, next) = await Rosters.PageAsync(grains, tenantId, roster, after, MemberPage);
            var accounts = ids.Select(id => grains.GetGrain<IAccountGrain>(GridKeys.Account(tenantId, id))).ToList();
            var views = await Task.WhenAll(accounts.Select(a => a.Get()));
            var members = accounts.Where((_, i) => views[i] is { Status: not AccountStatus.Deleted } v
                && v.OrganizationIds.Contains(organizationId)).ToList();
            if (members.Count > 0 && !force)
            {
                throw GridException.Precondition(
                    $"organization {organizationId} has members; move them first or delete with force (sync)");
            }

            await Task.WhenAll(members.Select(a => a.LeaveOrganization(organizationId)));
            left += members.Count;
            after = next;
        }
        while (after is not null);

        return left;
    }

    /// <summary>The children that are live and still have this organization as parent, in display order.</summary>
    public async Task<ImmutableArray<OrganizationView>> LiveChildrenAsync(IEnumerable<string> children)
    {
        var views = await Task.WhenAll(children.Select(id => Organization(id).Get()));
        return [.. views
            .Where(v => v is { IsDeleted: false } && v.ParentId == organizationId)
            .Select(v => v!)
            .OrderByDescending(v => v.Order)
            .ThenBy(v => v.OrganizationId, StringComparer.Ordinal)];
    }
}
