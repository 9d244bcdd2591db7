using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>Delete the organization of a department that is gone or no longer visible.</summary>
/// <param name="DepartmentId">The WeCom department.</param>
/// <param name="OrganizationId">Its organization.</param>
/// <param name="Depth">Depth in the tree as last applied; deeper organizations are deleted first.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.organization-delete")]
public sealed record OrganizationDelete(long DepartmentId, string OrganizationId, int Depth)
    : DepartmentStep(DepartmentId, OrganizationId, Depth)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.OrganizationDelete;

    /// <inheritdoc/>
    public override string Id => $"org-delete:{DepartmentId}";

    /// <inheritdoc/>
    public override MappedDepartment? Result => null;
}
