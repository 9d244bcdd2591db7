namespace Grid.Abstractions.Directory;

/// <summary>The lifecycle status of an account.</summary>
[GenerateSerializer]
[Alias("grid.account-status")]
public enum AccountStatus
{
    /// <summary>Can sign in.</summary>
    Active = 1,

    /// <summary>Cannot sign in (disabled in WeCom or by an admin); keeps its unique values.</summary>
    Disabled = 2,

    /// <summary>Exists but has not been activated yet (WeCom status 4); cannot sign in.</summary>
    NotActivated = 3,

    /// <summary>Soft-deleted: the record stays, its unique values are released and it leaves every organization.</summary>
    Deleted = 4,
}
