using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

[GenerateSerializer]
[Alias("grid.organization-state")]
public sealed class OrganizationState : IDirectoryState<OrganizationOutbox>
{
    [Id(0)]
    public bool Exists { get; set; }

    [Id(1)]
    public string Name { get; set; } = "";

    [Id(2)]
    public string? ParentId { get; set; }

    [Id(3)]
    public ExternalId? ExternalId { get; set; }

    [Id(4)]
    public string? Code { get; set; }

    [Id(5)]
    public long Order { get; set; }

    [Id(6)]
    public int Depth { get; set; }

    [Id(7)]
    public bool IsDeleted { get; set; }

    [Id(8)]
    public long Version { get; set; }

    [Id(9)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(10)]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Ids of children, sorted ordinally. Bounded by the direct children of one node (departments per parent);
    /// may briefly name a child that moved away or failed to be created, so readers check each child's parent.
    /// </summary>
    [Id(11)]
    public List<string> Children { get; set; } = [];

    [Id(12)]
    public OrganizationOutbox Outbox { get; set; } = new();
}
