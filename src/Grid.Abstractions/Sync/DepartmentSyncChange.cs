namespace Grid.Abstractions.Sync;

/// <summary>
/// One department's whole change, applied by <see cref="IWeComDepartmentGrain.Apply"/> in one call. Parts that do
/// not change are null. Applying the same change twice has the effect of applying it once.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="DepartmentId">The WeCom department id.</param>
/// <param name="OrganizationId">Its organization (allocated by the plan for a Create).</param>
/// <param name="ExternalIdSource">The external-id source of this connector's departments: <c>wecom:{corpId}</c>.</param>
/// <param name="ParentOrganizationId">The parent organization, for a Create and a move.</param>
/// <param name="Name">The mapped name, for a Create and a rename.</param>
/// <param name="Code">The mapped code, for a Create and a rename.</param>
/// <param name="Department">The department as fetched; null for a delete.</param>
/// <param name="SourceHash">The department's content hash; null for a delete.</param>
/// <param name="RunId">The sync run applying the change.</param>
[GenerateSerializer, Immutable, Alias("grid.department-sync-change")]
public sealed record DepartmentSyncChange(
    [property: Id(0)] DepartmentChangeKind Kind,
    [property: Id(1)] long DepartmentId,
    [property: Id(2)] string OrganizationId,
    [property: Id(3)] string ExternalIdSource,
    [property: Id(4)] string? ParentOrganizationId,
    [property: Id(5)] string? Name,
    [property: Id(6)] string? Code,
    [property: Id(7)] WeComDepartmentRecord? Department,
    [property: Id(8)] SyncHash? SourceHash,
    [property: Id(9)] string RunId);
