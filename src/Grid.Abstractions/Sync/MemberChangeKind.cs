namespace Grid.Abstractions.Sync;

/// <summary>What a <see cref="MemberSyncChange"/> does to the member's account.</summary>
[GenerateSerializer]
[Alias("grid.member-change-kind")]
public enum MemberChangeKind
{
    /// <summary>Create the account (id allocated by the plan) linked to the member.</summary>
    Create = 1,

    /// <summary>Link an existing account found by the match rule and apply the mapping.</summary>
    Adopt = 2,

    /// <summary>Change the account's profile, organizations and/or status.</summary>
    Update = 3,

    /// <summary>The userid changed: keep the account and move its WeCom external id to the new userid.</summary>
    Rebind = 4,

    /// <summary>The userid changed: delete the old account, then create a new one.</summary>
    Recreate = 5,

    /// <summary>Record the member as seen; the account needs no change.</summary>
    Refresh = 6,

    /// <summary>Soft-delete the account: the member is gone from WeCom (or out of the app's scope).</summary>
    Delete = 7,
}
