namespace Grid.Sync.Planning;

/// <summary>What happens to the account of a member whose WeCom status is 5 (left the company).</summary>
public enum LeftMemberAction
{
    /// <summary>Disable the account.</summary>
    Disable = 1,

    /// <summary>Delete the account (counted as a delete by protection).</summary>
    Delete = 2,
}
