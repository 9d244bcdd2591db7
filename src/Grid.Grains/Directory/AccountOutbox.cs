using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

/// <summary>
/// Side effects of account writes that are not yet known to be done, persisted with the write that caused them.
/// Roster and release work is recomputed from the account's current state when flushed, so flushing twice is harmless.
/// </summary>
[GenerateSerializer]
[Alias("grid.account-outbox")]
public sealed class AccountOutbox : IDirectoryOutbox
{
    /// <summary>Change-feed entries to append, oldest first.</summary>
    [Id(0)]
    public List<ChangeEntry> Entries { get; set; } = [];

    /// <summary>Organizations whose member roster must be brought in line with the account.</summary>
    [Id(1)]
    public List<string> Rosters { get; set; } = [];

    /// <summary>Whether the tenant's account catalog must be brought in line with the account.</summary>
    [Id(2)]
    public bool Catalog { get; set; }

    /// <summary>Unique values the account gave up (released unless it holds them again by then).</summary>
    [Id(3)]
    public List<UniqueClaim> Releases { get; set; } = [];

    public bool IsEmpty => Entries.Count == 0 && Rosters.Count == 0 && !Catalog && Releases.Count == 0;
}
