using Grid.Abstractions.Sync;
using Grid.Sync.Planning.Steps;

namespace Grid.Grains.Sync;

/// <summary>
/// One plan step as kept in a run's chunk: what admins see (<see cref="View"/>), the planner's step itself (what the
/// member or department grain applies, and whose result the roster records once it is applied), and the department as
/// fetched, which its grain keeps as last seen. Ids 1-4 held the translated changes of earlier versions and id 6 the
/// member as fetched (the member grain no longer keeps it): never reuse them.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.sync-step-record")]
public sealed record SyncStepRecord(
    [property: Id(0)] SyncRunStep View,
    [property: Id(5)] SyncStep? Step,
    [property: Id(7)] WeComDepartmentRecord? Department);
