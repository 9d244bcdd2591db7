using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

/// <summary>What <see cref="DirectoryRecord{TState, TOutbox}"/> needs of an outbox, whatever else it records.</summary>
internal interface IDirectoryOutbox
{
    List<ChangeEntry> Entries { get; }

    bool IsEmpty { get; }
}
