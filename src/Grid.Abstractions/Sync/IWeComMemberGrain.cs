using Orleans.Concurrency;

namespace Grid.Abstractions.Sync;

/// <summary>
/// One WeCom member of a connector, key <c>{tenant}/{connectorId}/{userid}</c> (see <see cref="SyncKeys.Member"/>;
/// the userid lower-cased, as WeCom compares userids without regard to case). Holds consent to sensitive fields and
/// the userid history; its view adds the linked account and what the last sync applied, from the connector's roster. The account side of a sync (one coarse,
/// idempotent call per planned step) is the silo's own business: it is not part of this contract.
/// </summary>
[Alias("grid.IWeComMemberGrain")]
public interface IWeComMemberGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records that WeCom changed this member's userid to <paramref name="newUserId"/> (an <c>update_user</c> callback
    /// with <c>NewUserID</c>). The next full sync then applies the connector's userid-change mode: Rebind keeps the
    /// account (and its id, credentials and history) and moves its WeCom external id to the new userid; Recreate deletes
    /// the account and creates another. Idempotent; ignored when the member is not linked.
    /// </summary>
    /// <remarks>
    /// A full sync on its own sees only snapshots: without this record a changed userid looks like one member leaving
    /// and another arriving, so the old account is deleted and a new one created whatever the mode (what Recreate does).
    /// Rebind needs the old→new pair, which only the callback (or this member's userid history) gives.
    /// </remarks>
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
