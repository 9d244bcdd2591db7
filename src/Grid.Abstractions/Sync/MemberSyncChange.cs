using System.Collections.Immutable;
using Grid.Abstractions.Directory;

namespace Grid.Abstractions.Sync;

/// <summary>
/// One member's whole change, applied by <see cref="IWeComMemberGrain.Apply"/> in one call. Parts that do not change
/// are null. Applying the same change twice has the effect of applying it once.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="UserId">The member's userid (for a delete, the one last applied).</param>
/// <param name="PreviousUserId">The old userid of a Rebind or Recreate.</param>
/// <param name="AccountId">The account written (allocated by the plan for Create and Recreate).</param>
/// <param name="PreviousAccountId">The account a Recreate deletes.</param>
/// <param name="ExternalIdSource">The external-id source of this connector's members: <c>wecom:{corpId}</c>.</param>
/// <param name="Profile">The mapped profile, when it changes (always for Create, Adopt, Rebind, Recreate).</param>
/// <param name="OrganizationIds">The organizations, when they change.</param>
/// <param name="Status">The account status, when it changes.</param>
/// <param name="Member">The member as fetched; null for a delete.</param>
/// <param name="SourceHash">The member's content hash; null for a delete.</param>
/// <param name="RunId">The sync run applying the change.</param>
[GenerateSerializer, Immutable, Alias("grid.member-sync-change")]
public sealed record MemberSyncChange(
    [property: Id(0)] MemberChangeKind Kind,
    [property: Id(1)] string UserId,
    [property: Id(2)] string? PreviousUserId,
    [property: Id(3)] string AccountId,
    [property: Id(4)] string? PreviousAccountId,
    [property: Id(5)] string ExternalIdSource,
    [property: Id(6)] AccountProfile? Profile,
    [property: Id(7)] ImmutableArray<string>? OrganizationIds,
    [property: Id(8)] AccountStatus? Status,
    [property: Id(9)] WeComMemberRecord? Member,
    [property: Id(10)] SyncHash? SourceHash,
    [property: Id(11)] string RunId);
