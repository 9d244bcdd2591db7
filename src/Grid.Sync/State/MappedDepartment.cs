using Grid.Sync.Sources;

namespace Grid.Sync.State;

/// <summary>What Grid last applied for one WeCom department.</summary>
/// <param name="OrganizationId">The platform organization that mirrors the department.</param>
/// <param name="ParentDepartmentId">
/// The effective parent department: null when the department sits directly under the sync node (the root, or a
/// top-most visible department whose WeCom parent is outside the app's scope).
/// </param>
/// <param name="ParentOrganizationId">The organization the mirror sits under (the sync node for top-most ones).</param>
/// <param name="Name">The organization name applied.</param>
/// <param name="SourceHash">Hash of the department as last seen (<see cref="Sources.SourceHash"/>).</param>
/// <param name="FieldsHash">Hash of the organization field values last applied.</param>
[GenerateSerializer, Immutable, Alias("grid.sync.mapped-department")]
public sealed record MappedDepartment(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] long? ParentDepartmentId,
    [property: Id(2)] string ParentOrganizationId,
    [property: Id(3)] string Name,
    [property: Id(4)] ContentHash SourceHash,
    [property: Id(5)] ContentHash FieldsHash);
