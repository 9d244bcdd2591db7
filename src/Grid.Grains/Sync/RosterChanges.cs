using System.Collections.Immutable;

namespace Grid.Grains.Sync;

/// <summary>
/// Changes to one roster bucket, applied in this order: member removals, member upserts, department removals,
/// department upserts. Userids are matched without regard to case.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.sync-roster-changes")]
public sealed record RosterChanges(
    [property: Id(0)] ImmutableArray<string> RemovedMembers,
    [property: Id(1)] ImmutableArray<RosterMember> Members,
    [property: Id(2)] ImmutableArray<long> RemovedDepartments,
    [property: Id(3)] ImmutableArray<RosterDepartment> Departments);
