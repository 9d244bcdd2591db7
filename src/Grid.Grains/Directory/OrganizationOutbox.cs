using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

/// <summary>Side effects of organization writes not yet known to be done (see <see cref="AccountOutbox"/>).</summary>
[GenerateSerializer]
[Alias("grid.organization-outbox")]
public sealed class OrganizationOutbox : IDirectoryOutbox
{
    [Id(0)]
    public List<ChangeEntry> Entries { get; set; } = [];

    /// <summary>Former parents that must forget this organization.</summary>
    [Id(1)]
    public List<string> DetachFrom { get; set; } = [];

    /// <summary>Organization catalog entries to remove (from an earlier depth).</summary>
    [Id(2)]
    public List<string> StaleCatalogEntries { get; set; } = [];

    /// <summary>Whether the catalog must be brought in line with the organization.</summary>
    [Id(3)]
    public bool Catalog { get; set; }

    /// <summary>Whether the children must be told the new depth.</summary>
    [Id(4)]
    public bool CascadeDepth { get; set; }

    public bool IsEmpty =>
        Entries.Count == 0 && DetachFrom.Count == 0 && StaleCatalogEntries.Count == 0 && !Catalog && !CascadeDepth;
}
