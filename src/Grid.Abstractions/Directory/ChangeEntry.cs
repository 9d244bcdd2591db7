using Grid.Abstractions.Tenants;

namespace Grid.Abstractions.Directory;

/// <summary>
/// One entry of a tenant's directory change feed: the object after the change (<see cref="Account"/> or
/// <see cref="Organization"/>). Delivery is at least once: an entry can appear twice (after a silo failure) with the
/// same (<see cref="ObjectKind"/>, <see cref="ObjectId"/>, <see cref="Version"/>); readers drop repeats.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.change-entry")]
public sealed record ChangeEntry(
    long Sequence,
    DateTimeOffset At,
    DirectoryObjectKind ObjectKind,
    string ObjectId,
    long Version,
    ChangeKinds Kinds,
    AccountView? Account,
    OrganizationView? Organization) : ILogEntry<ChangeEntry>
{
    /// <inheritdoc />
    public ChangeEntry WithSequence(long sequence) => this with { Sequence = sequence };
}
