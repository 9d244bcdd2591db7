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
    /// <summary>
    /// True when no personal email was ever proposed for the account, so a reader need not ask
    /// <see cref="Sessions.IPersonalEmailGrain"/>; false when one may exist or it is not known (the default, so a view
    /// that does not say makes readers look). A hint for readers, not part of equality.
    /// </summary>
    [Id(10)]
    public bool HasNoPersonalEmail { get; init; }

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
