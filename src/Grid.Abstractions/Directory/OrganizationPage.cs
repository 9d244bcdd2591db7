using System.Collections.Immutable;

namespace Grid.Abstractions.Directory;

/// <summary>A page of organizations; <see cref="NextPageToken"/> is null on the last page.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.organization-page")]
public sealed record OrganizationPage(ImmutableArray<OrganizationView> Items, string? NextPageToken);
