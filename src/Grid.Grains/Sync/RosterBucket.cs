using System.Collections.Immutable;

namespace Grid.Grains.Sync;

/// <summary>The content of one roster bucket.</summary>
[GenerateSerializer, Immutable, Alias("grid.sync-roster-bucket")]
public sealed record RosterBucket(
    [property: Id(0)] ImmutableArray<RosterMember> Members,
    [property: Id(1)] ImmutableArray<RosterDepartment> Departments);
