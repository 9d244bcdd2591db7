using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

/// <summary>What the last sync applied for one department (the planner's mapped department), as a roster bucket keeps it.</summary>
[GenerateSerializer, Immutable, Alias("grid.sync-roster-department")]
public sealed record RosterDepartment(
    [property: Id(0)] long DepartmentId,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] long? ParentDepartmentId,
    [property: Id(3)] string ParentOrganizationId,
    [property: Id(4)] string Name,
    [property: Id(5)] SyncHash SourceHash,
    [property: Id(6)] SyncHash FieldsHash)
{
    /// <summary>When what this entry records was observed in WeCom (null: recorded by an earlier version).</summary>
    [Id(7)]
    public DateTimeOffset? ObservedAt { get; init; }
}
