namespace Grid.Abstractions.Sync;

/// <summary>What Grid knows of one WeCom department of a connector.</summary>
/// <param name="DepartmentId">The WeCom department id.</param>
/// <param name="OrganizationId">The mirroring organization; null when none (never synced, or deleted).</param>
/// <param name="Department">The department as last seen by a full sync.</param>
/// <param name="SourceHash">The hash of <paramref name="Department"/>.</param>
/// <param name="LastSyncedAt">When a sync last changed this record.</param>
/// <param name="LastRunId">The run that last changed this record.</param>
[GenerateSerializer, Immutable, Alias("grid.wecom-department-view")]
public sealed record WeComDepartmentView(
    [property: Id(0)] long DepartmentId,
    [property: Id(1)] string? OrganizationId,
    [property: Id(2)] WeComDepartmentRecord? Department,
    [property: Id(3)] SyncHash? SourceHash,
    [property: Id(4)] DateTimeOffset? LastSyncedAt,
    [property: Id(5)] string? LastRunId);
