using Orleans.Concurrency;

namespace Grid.Abstractions.Sync;

/// <summary>
/// One WeCom department of a connector, key <c>{tenant}/{connectorId}/{departmentId}</c> (see
/// <see cref="SyncKeys.Department"/>). Holds the department as last seen and the mirroring organization. The
/// organization side of a sync (create, rename, move, delete; idempotent) is the silo's own business.
/// </summary>
[Alias("grid.IWeComDepartmentGrain")]
public interface IWeComDepartmentGrain : IGrainWithStringKey
{
    /// <summary>The department as known, or null when no sync has seen it.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<WeComDepartmentView?> Get();
}
