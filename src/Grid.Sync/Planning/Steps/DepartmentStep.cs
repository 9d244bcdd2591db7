using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>
/// A step about one department. Once it succeeds, record <see cref="Result"/> as the department's
/// <see cref="MappedDepartment"/>, or remove the department from the mapped state when it is null (a delete).
/// </summary>
/// <param name="DepartmentId">The WeCom department.</param>
/// <param name="OrganizationId">Its organization (allocated by the plan for creates).</param>
/// <param name="Depth">1 for a department directly under the sync node; the batch order within its phase.</param>
[GenerateSerializer, Immutable, Alias("grid.sync.department-step")]
public abstract record DepartmentStep([property: Id(0)] long DepartmentId, [property: Id(1)] string OrganizationId, [property: Id(2)] int Depth)
    : SyncStep
{
    /// <summary>The mapped entry after the step, or null when the department leaves the mapped state.</summary>
    public abstract MappedDepartment? Result { get; }
}
