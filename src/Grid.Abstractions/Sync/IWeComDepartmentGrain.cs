using Orleans.Concurrency;

namespace Grid.Abstractions.Sync;

/// <summary>
/// One WeCom department of a connector, key <c>{tenant}/{connectorId}/{departmentId}</c> (see
/// <see cref="SyncKeys.Department"/>). Holds the department as last seen and the mirroring organization, and performs
/// the organization side of a sync through <c>IOrganizationGrain</c> (create, rename, move, delete), idempotent.
/// </summary>
[Alias("grid.IWeComDepartmentGrain")]
public interface IWeComDepartmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a department's change to its organization and records the department as seen. Repeating a change is
    /// harmless. Errors are the organization grain's <see cref="GridException"/>s; nothing is recorded then.
    /// Returns the organization id now linked (null after a delete).
    /// </summary>
    [Alias("Apply")]
    Task<string?> Apply(DepartmentSyncChange change);

    /// <summary>The department as known, or null when no sync has seen it.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<WeComDepartmentView?> Get();
}
