namespace Grid.Abstractions.Directory;

/// <summary>What a change-feed entry is about.</summary>
[GenerateSerializer]
[Alias("grid.directory-object-kind")]
public enum DirectoryObjectKind
{
    /// <summary>An account.</summary>
    Account = 1,

    /// <summary>An organization.</summary>
    Organization = 2,
}
