namespace Grid.Sync.Planning;

/// <summary>What a known userid change (old → new, learned from callbacks) does to the member's account.</summary>
public enum UserIdChangeMode
{
    /// <summary>Delete the old account and create a new one, as WeCom's own documentation describes the change.</summary>
    Recreate = 1,

    /// <summary>Keep the account (its account id, credentials and history) and change its WeCom userid.</summary>
    Rebind = 2,
}
