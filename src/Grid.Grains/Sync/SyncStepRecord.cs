using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

/// <summary>
/// One plan step as kept in a run's chunk: what admins see (<see cref="View"/>), the change to apply (exactly one of
/// <see cref="Member"/> and <see cref="Department"/>), and the roster entry to record once it is applied (null for a
/// step that removes its member or department from the roster).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.sync-step-record")]
public sealed record SyncStepRecord(
    [property: Id(0)] SyncRunStep View,
    [property: Id(1)] MemberSyncChange? Member,
    [property: Id(2)] DepartmentSyncChange? Department,
    [property: Id(3)] RosterMember? MemberResult,
    [property: Id(4)] RosterDepartment? DepartmentResult);
