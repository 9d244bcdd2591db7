namespace Grid.Abstractions.Directory;

/// <summary>What one change did; one coarse change can do several things at once.</summary>
[Flags]
[GenerateSerializer]
[Alias("grid.change-kinds")]
public enum ChangeKinds
{
    /// <summary>Nothing (never written to the feed).</summary>
    None = 0,

    /// <summary>The object was created.</summary>
    Created = 1,

    /// <summary>Descriptive fields changed (profile, name, code, order, password set).</summary>
    Updated = 2,

    /// <summary>Organization memberships of an account, or the parent of an organization, changed.</summary>
    Moved = 4,

    /// <summary>The status of an account changed (other than to Deleted).</summary>
    StatusChanged = 8,

    /// <summary>The object was deleted.</summary>
    Deleted = 16,

    /// <summary>External ids changed (e.g. a WeCom userid rebound to the same account).</summary>
    Rebound = 32,
}
