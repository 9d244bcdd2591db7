using System.Collections.Immutable;

namespace Grid.Abstractions.Directory;

/// <summary>
/// An account as read (no credentials: only whether a password is set). <see cref="Version"/> increases by one with
/// every change and, with <see cref="AccountId"/>, identifies an entry of the change feed. Equality compares values.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.account-view")]
public sealed record AccountView(
    string TenantId,
    string AccountId,
    AccountProfile Profile,
    AccountStatus Status,
    ImmutableArray<string> OrganizationIds,
    ImmutableArray<ExternalId> ExternalIds,
    bool HasPassword,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool Equals(AccountView? other) =>
        other is not null
        && TenantId == other.TenantId
        && AccountId == other.AccountId
        && Profile.Equals(other.Profile)
        && Status == other.Status
        && OrganizationIds.AsSpan().SequenceEqual(other.OrganizationIds.AsSpan())
        && ExternalIds.AsSpan().SequenceEqual(other.ExternalIds.AsSpan())
        && HasPassword == other.HasPassword
        && Version == other.Version
        && CreatedAt == other.CreatedAt
        && UpdatedAt == other.UpdatedAt;

    public override int GetHashCode() => HashCode.Combine(TenantId, AccountId, Version);
}
