using Grid.Abstractions.Sync;
using Grid.Sync.Planning.Steps;

namespace Grid.Grains.Sync;

/// <summary>
/// The sync side of a <see cref="IWeComMemberGrain"/> (same grain, same key): applies one planned step, as the planner
/// made it, to the member's account through <c>IAccountGrain</c>, and records the member as seen.
/// </summary>
[Alias("grid.IWeComMemberSyncGrain")]
public interface IWeComMemberSyncGrain : IWeComMemberGrain
{
    /// <summary>
    /// Applies <paramref name="step"/> (create, adopt, update, move, status, rebind, recreate, refresh, delete).
    /// Repeating a step is harmless. Errors are the account grain's <see cref="Abstractions.GridException"/>s (e.g.
    /// Conflict when a unique value is held by another account); nothing is recorded then. Returns the account now
    /// linked (null after a delete); it differs from the step's when an earlier attempt linked another one. A step
    /// observed before what the grain last applied (<see cref="SyncStepContext.ObservedAt"/>) is not applied and
    /// returns as superseded.
    /// </summary>
    /// <param name="step">The planned step.</param>
    /// <param name="seen">The member as fetched; null for a delete.</param>
    /// <param name="context">The run and the connector's external-id source.</param>
    [Alias("Apply")]
    Task<SyncStepApplied> Apply(MemberStep step, WeComMemberRecord? seen, SyncStepContext context);
}
