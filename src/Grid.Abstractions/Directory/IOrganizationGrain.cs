using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Abstractions.Directory;

/// <summary>
/// An organization (a node of the tenant's tree), key <c>{tenant}/{organizationId}</c> (see
/// <see cref="GridKeys.Organization"/>). It knows its parent and children; its members are kept in partitioned
/// rosters maintained by the accounts (list them with <see cref="IDirectoryQueryGrain.ListMembers"/>).
/// Every change is one state write and one change-feed entry (through an outbox, as for accounts).
/// </summary>
[Alias("grid.IOrganizationGrain")]
public interface IOrganizationGrain : IGrainWithStringKey
{
    /// <summary>Creates the organization under an existing parent. Idempotent for the same spec; Conflict otherwise.</summary>
    [Alias("Create")]
    Task<OrganizationView> Create(OrganizationSpec spec);

    /// <summary>Applies a whole change (name, parent, external id, code, order) in one write.</summary>
    [Alias("Apply")]
    Task<OrganizationView> Apply(OrganizationChange change);

    /// <summary>Renames the organization.</summary>
    [Alias("Rename")]
    Task<OrganizationView> Rename(string name);

    /// <summary>
    /// Moves the organization under <paramref name="newParentId"/>. Refused (FailedPrecondition) when the new parent is
    /// the organization itself or one of its descendants, and for the root.
    /// </summary>
    [Alias("Move")]
    Task<OrganizationView> Move(string newParentId);

    /// <summary>
    /// Deletes the organization (the record stays, marked deleted). Always refused while it has children and for the
    /// root: delete bottom-up. With members it is refused unless <paramref name="force"/> is set; a forced delete (a
    /// sync whose source department is gone) first makes every member leave the organization. Idempotent.
    /// </summary>
    [Alias("Delete")]
    Task Delete(bool force);

    /// <summary>The organization, or null when it was never created (a deleted one is returned with IsDeleted).</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<OrganizationView?> Get();

    /// <summary>The live children, ordered by <see cref="OrganizationView.Order"/> (descending, as WeCom) then id.</summary>
    [ReadOnly]
    [Alias("ListChildren")]
    Task<ImmutableArray<OrganizationView>> ListChildren();

    /// <summary>
    /// Records <paramref name="childId"/> as a child. Returns this organization's depth, or null when this
    /// organization does not exist or is deleted (then nothing is recorded). For organization grains only.
    /// </summary>
    [Alias("AttachChild")]
    Task<int?> AttachChild(string childId);

    /// <summary>Forgets <paramref name="childId"/> as a child. For organization grains only.</summary>
    [Alias("DetachChild")]
    Task DetachChild(string childId);

    /// <summary>
    /// Tells a child its parent's new depth after a move; it updates its own depth and passes it on to its children.
    /// For organization grains only.
    /// </summary>
    [Alias("ParentDepthChanged")]
    Task ParentDepthChanged(string parentId, int parentDepth);
}
