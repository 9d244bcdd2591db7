using System.Collections.Immutable;

namespace Grid.Abstractions.Directory;

/// <summary>A page of accounts in account id order; <see cref="NextPageToken"/> is null on the last page.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.account-page")]
public sealed record AccountPage(ImmutableArray<AccountView> Items, string? NextPageToken);
