using System.Collections.Immutable;
using Grid.Abstractions.Sync;
using Grid.Sync.Planning.Steps;

namespace Grid.Grains.Sync;

/// <summary>
/// The sync side of a <see cref="IWeComMemberGrain"/> (same grain, same key): applies one planned step, as the planner
/// made it, to the member's account through <c>IAccountGrain</c>. What was applied is recorded by the caller in the
/// roster; the grain writes its own state only for what it alone holds (consent, userid history, a departure).
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
    /// <param name="context">The run and the connector's external-id source.</param>
    [Alias("Apply")]
    Task<SyncStepApplied> Apply(MemberStep step, SyncStepContext context);

    /// <summary>
    /// Records the member's consent to share sensitive fields (auth/getuserdetail at a web login): the fields WeCom
    /// returned replace the kept ones, the consent runs for Grid:Login:ConsentLifetime (30 days) from now, and they are
    /// mapped into the linked account (and into every sync's write of it while the consent is valid). Returns the
    /// consent's expiry. FailedPrecondition when the member has no account.
    /// </summary>
    [Alias("RecordConsent")]
    Task<DateTimeOffset> RecordConsent(string userId, ImmutableSortedDictionary<string, string> fields);
}
