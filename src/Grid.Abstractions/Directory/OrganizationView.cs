namespace Grid.Abstractions.Directory;

/// <summary>
/// An organization as read. <see cref="Depth"/> is 0 for the root, 1 for its children, and so on.
/// <see cref="Version"/> increases by one with every change.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.organization-view")]
public sealed record OrganizationView(
    string TenantId,
    string OrganizationId,
    string Name,
    string? ParentId,
    ExternalId? ExternalId,
    string? Code,
    long Order,
    int Depth,
    bool IsDeleted,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
