using System.Collections.Immutable;

namespace Grid.Grains.Sync;

/// <summary>
/// Changes to one roster bucket, applied in this order: member removals, member upserts, department removals,
/// department upserts. Userids are matched without regard to case. An entry recorded from an observation newer than
/// <see cref="ObservedAt"/> is neither removed nor replaced.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.sync-roster-changes")]
public sealed record RosterChanges(
    [property: Id(0)] ImmutableArray<string> RemovedMembers,
    [property: Id(1)] ImmutableArray<RosterMember> Members,
    [property: Id(2)] ImmutableArray<long> RemovedDepartments,
    [property: Id(3)] ImmutableArray<RosterDepartment> Departments)
{
    /// <summary>When the changes were observed in WeCom; null replaces whatever is there.</summary>
    [Id(4)]
    public DateTimeOffset? ObservedAt { get; init; }

    /// <summary>Whether an entry observed at <paramref name="entryObservedAt"/> is newer than these changes.</summary>
    public bool IsOlderThan(DateTimeOffset? entryObservedAt) => ObservedAt is { } observed && entryObservedAt > observed;
}
