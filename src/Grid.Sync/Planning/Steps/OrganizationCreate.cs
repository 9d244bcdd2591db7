using Grid.Sync.Mapping;
using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>Create organization <see cref="DepartmentStep.OrganizationId"/> under <paramref name="ParentOrganizationId"/>.</summary>
/// <param name="DepartmentId">The new WeCom department.</param>
/// <param name="OrganizationId">The id allocated for its organization.</param>
/// <param name="Depth">Depth under the sync node (1 = top).</param>
/// <param name="ParentOrganizationId">The parent: the sync node or the parent department's organization.</param>
/// <param name="Fields">The mapped organization fields.</param>
/// <param name="Result">The mapped entry to record.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.organization-create")]
public sealed record OrganizationCreate(
    long DepartmentId,
    string OrganizationId,
    int Depth,
    [property: Id(0)] string ParentOrganizationId,
    [property: Id(1)] FieldValues Fields,
    MappedDepartment Result) : DepartmentStep(DepartmentId, OrganizationId, Depth)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.OrganizationCreate;

    /// <inheritdoc/>
    public override string Id => $"org-create:{DepartmentId}";

    /// <inheritdoc/>
    [Id(2)]
    public override MappedDepartment Result { get; } = Result;
}
