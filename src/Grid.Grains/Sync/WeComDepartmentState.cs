using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

/// <summary>
/// What only the department grain holds: the link to its organization, the department as last seen and when it was
/// observed. What was last
/// applied is the roster's (<see cref="SyncRoster"/>); id 3 held the source hash here before: never reuse it.
/// </summary>
[GenerateSerializer]
[Alias("grid.wecom-department-state")]
public sealed class WeComDepartmentState
{
    [Id(0)]
    public long? DepartmentId { get; set; }

    [Id(1)]
    public string? OrganizationId { get; set; }

    [Id(2)]
    public WeComDepartmentRecord? Department { get; set; }

    [Id(4)]
    public DateTimeOffset? LastSyncedAt { get; set; }

    [Id(5)]
    public string? LastRunId { get; set; }

    /// <summary>When the department as last applied was observed in WeCom: an older observation is superseded.</summary>
    [Id(6)]
    public DateTimeOffset? ObservedAt { get; set; }
}
