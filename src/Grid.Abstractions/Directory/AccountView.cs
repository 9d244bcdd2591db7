using System.Collections.Immutable;

namespace Grid.Abstractions.Directory;

/// <summary>
/// An account as read (no credentials: only whether a password is set). <see cref="Version"/> increases by one with
/// every change and, with <see cref="AccountId"/>, identifies an entry of the change feed.
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
    DateTimeOffset UpdatedAt);
