using System.Collections.Immutable;

namespace Grid.Abstractions.Directory;

/// <summary>
/// A coarse change to an account, applied in one state write: every part that is not null replaces the current value
/// (<see cref="OrganizationIds"/> and <see cref="ExternalIds"/> replace the whole set). A sync applies a whole member
/// change (profile, status, moves, userid rebind) with one of these.
/// </summary>
/// <param name="Profile">The new profile, or null to keep it.</param>
/// <param name="Status">The new status, or null to keep it. <see cref="AccountStatus.Deleted"/> soft-deletes.</param>
/// <param name="OrganizationIds">The new set of organizations, or null to keep them.</param>
/// <param name="ExternalIds">The new set of external ids, or null to keep them (changing one is a rebind).</param>
/// <param name="ExpectedVersion">When set, the change is refused unless the account is at this version.</param>
[GenerateSerializer, Immutable]
[Alias("grid.account-change")]
public sealed record AccountChange(
    AccountProfile? Profile = null,
    AccountStatus? Status = null,
    ImmutableArray<string>? OrganizationIds = null,
    ImmutableArray<ExternalId>? ExternalIds = null,
    long? ExpectedVersion = null);
