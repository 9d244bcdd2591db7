using Orleans.Concurrency;

namespace Grid.Abstractions.Sync;

/// <summary>
/// One WeCom member of a connector, key <c>{tenant}/{connectorId}/{userid}</c> (see <see cref="SyncKeys.Member"/>;
/// the userid lower-cased, as WeCom compares userids without regard to case). Holds the member as last seen, the
/// linked account, consent to sensitive fields and the userid history, and performs the account side of a sync
/// through <c>IAccountGrain</c>: one coarse call per member change, idempotent.
/// </summary>
[Alias("grid.IWeComMemberGrain")]
public interface IWeComMemberGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a member's change to its account (create, adopt, update, move, status, rebind, recreate, delete) and
    /// records the member as seen. Repeating a change is harmless. Errors are the account grain's
    /// <see cref="GridException"/>s (e.g. Conflict when a unique value is held by another account); nothing is
    /// recorded then.
    /// </summary>
    [Alias("Apply")]
    Task<MemberSyncResult> Apply(MemberSyncChange change);

    /// <summary>
    /// Records that WeCom changed this member's userid to <paramref name="newUserId"/> (an <c>update_user</c> callback
    /// with <c>NewUserID</c>). The next full sync then rebinds or recreates the account, as the connector says,
    /// instead of deleting it and creating another. Idempotent; ignored when the member is not linked.
    /// </summary>
    [Alias("RecordUserIdChange")]
    Task RecordUserIdChange(string newUserId);

    /// <summary>
    /// Hands this member's record over to its new userid after a userid change was applied: returns what it held
    /// (history, consent) and forgets the account link. For the member grain of the new userid only.
    /// </summary>
    [Alias("HandOver")]
    Task<WeComMemberView?> HandOver(string newUserId);

    /// <summary>The member as known, or null when no sync has seen it.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<WeComMemberView?> Get();
}
