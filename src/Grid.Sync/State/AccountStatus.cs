namespace Grid.Sync.State;

/// <summary>The status Grid gives a platform account.</summary>
public enum AccountStatus
{
    /// <summary>May sign in (WeCom status 1).</summary>
    Active = 1,

    /// <summary>May not sign in (WeCom status 2, and 5 when left members are disabled).</summary>
    Disabled = 2,

    /// <summary>Invited, not yet activated in WeCom (status 4).</summary>
    Pending = 3,
}
