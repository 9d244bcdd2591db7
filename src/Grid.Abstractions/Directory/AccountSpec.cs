using System.Collections.Immutable;

namespace Grid.Abstractions.Directory;

/// <summary>
/// Everything needed to create an account in one call: profile, status, organization memberships and external ids.
/// Equality compares values (organization ids and external ids as sets), so a repeated create is recognised.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.account-spec")]
public sealed record AccountSpec(
    AccountProfile Profile,
    AccountStatus Status,
    ImmutableArray<string> OrganizationIds,
    ImmutableArray<ExternalId> ExternalIds)
{
    /// <summary>An active account with a profile, memberships and no external id.</summary>
    public static AccountSpec Active(AccountProfile profile, params string[] organizationIds) =>
        new(profile, AccountStatus.Active, [.. organizationIds], []);

    public bool Equals(AccountSpec? other) =>
        other is not null
        && Profile.Equals(other.Profile)
        && Status == other.Status
        && SetEquals(OrganizationIds, other.OrganizationIds)
        && SetEquals(ExternalIds, other.ExternalIds);

    public override int GetHashCode() => HashCode.Combine(Profile, Status);

    private static bool SetEquals<T>(ImmutableArray<T> left, ImmutableArray<T> right) =>
        (left.IsDefaultOrEmpty && right.IsDefaultOrEmpty)
        || (!left.IsDefault && !right.IsDefault && left.ToHashSet().SetEquals(right));
}
