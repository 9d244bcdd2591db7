using Grid.Sync.Mapping;
using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>Rename (change mapped fields of) and/or move an existing organization.</summary>
/// <param name="DepartmentId">The WeCom department.</param>
/// <param name="OrganizationId">Its organization.</param>
/// <param name="Depth">Depth under the sync node after the step (moves run parents first).</param>
/// <param name="Fields">All mapped organization fields when any changed, else null.</param>
/// <param name="ParentOrganizationId">The new parent when the organization moves, else null.</param>
/// <param name="Result">The mapped entry to record.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.organization-update")]
public sealed record OrganizationUpdate(
    long DepartmentId,
    string OrganizationId,
    int Depth,
    [property: Id(0)] FieldValues? Fields,
    [property: Id(1)] string? ParentOrganizationId,
    MappedDepartment Result) : DepartmentStep(DepartmentId, OrganizationId, Depth)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.OrganizationUpdate;

    /// <inheritdoc/>
    public override string Id => $"org-update:{DepartmentId}";

    /// <inheritdoc/>
    [Id(2)]
    public override MappedDepartment Result { get; } = Result;

    /// <summary>True when mapped fields change (a rename or other field change).</summary>
    public bool ChangesFields => Fields is not null;

    /// <summary>True when the organization changes parent.</summary>
    public bool Moves => ParentOrganizationId is not null;
}
