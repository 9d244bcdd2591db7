namespace Grid.Grains.Directory;

/// <summary>
/// What <see cref="DirectoryRecord{TState, TOutbox}"/> needs of a directory object's state: whether it exists, its
/// version and times, and the outbox persisted with every write of the state.
/// </summary>
internal interface IDirectoryState<TOutbox>
    where TOutbox : IDirectoryOutbox
{
    bool Exists { get; set; }

    long Version { get; set; }

    DateTimeOffset CreatedAt { get; set; }

    DateTimeOffset UpdatedAt { get; set; }

    TOutbox Outbox { get; set; }
}
