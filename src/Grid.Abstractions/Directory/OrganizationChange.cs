namespace Grid.Abstractions.Directory;

/// <summary>
/// A coarse change to an organization, applied in one state write; every part that is not null replaces the
/// current value. A new <see cref="ParentId"/> is a move (refused if it would make a cycle).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.organization-change")]
public sealed record OrganizationChange(
    string? Name = null,
    string? ParentId = null,
    ExternalId? ExternalId = null,
    string? Code = null,
    long? Order = null,
    long? ExpectedVersion = null);
