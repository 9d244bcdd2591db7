using Grid.Abstractions.Sync;
using Grid.Sync.Planning.Steps;

namespace Grid.Grains.Sync;

/// <summary>
/// The sync side of a <see cref="IWeComDepartmentGrain"/> (same grain, same key): applies one planned step to the
/// department's organization through <c>IOrganizationGrain</c>, and records the department as seen.
/// </summary>
[Alias("grid.IWeComDepartmentSyncGrain")]
public interface IWeComDepartmentSyncGrain : IWeComDepartmentGrain
{
    /// <summary>
    /// Applies <paramref name="step"/> (create, rename and/or move, refresh, delete). Repeating a step is harmless.
    /// Errors are the organization grain's <see cref="Abstractions.GridException"/>s; nothing is recorded then.
    /// Returns the organization now linked (null after a delete). A step observed before what the grain last applied
    /// (<see cref="SyncStepContext.ObservedAt"/>) is not applied and returns as superseded.
    /// </summary>
    /// <param name="step">The planned step.</param>
    /// <param name="seen">The department as fetched; null for a delete.</param>
    /// <param name="context">The run and the connector's external-id source.</param>
    [Alias("Apply")]
    Task<SyncStepApplied> Apply(DepartmentStep step, WeComDepartmentRecord? seen, SyncStepContext context);
}
