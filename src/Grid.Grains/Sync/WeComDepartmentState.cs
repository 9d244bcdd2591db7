using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

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

    [Id(3)]
    public SyncHash? SourceHash { get; set; }

    [Id(4)]
    public DateTimeOffset? LastSyncedAt { get; set; }

    [Id(5)]
    public string? LastRunId { get; set; }
}
