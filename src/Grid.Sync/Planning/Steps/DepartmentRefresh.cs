using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>
/// The department changed only in ways that map to nothing (e.g. its order): no platform write, only the new
/// source hash to record.
/// </summary>
/// <param name="DepartmentId">The WeCom department.</param>
/// <param name="OrganizationId">Its organization.</param>
/// <param name="Depth">Depth under the sync node.</param>
/// <param name="Result">The mapped entry to record.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.department-refresh")]
public sealed record DepartmentRefresh(
    long DepartmentId,
    string OrganizationId,
    int Depth,
    MappedDepartment Result) : DepartmentStep(DepartmentId, OrganizationId, Depth)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.DepartmentRefresh;

    /// <inheritdoc/>
    public override string Id => $"dept-refresh:{DepartmentId}";

    /// <inheritdoc/>
    [Id(0)]
    public override MappedDepartment Result { get; } = Result;
}
