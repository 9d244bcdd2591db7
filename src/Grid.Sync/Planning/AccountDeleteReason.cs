namespace Grid.Sync.Planning;

/// <summary>Why an account is deleted.</summary>
[GenerateSerializer]
[Alias("grid.sync.account-delete-reason")]
public enum AccountDeleteReason
{
    /// <summary>The member is no longer in the snapshot (deleted in WeCom, or out of the app's visible scope).</summary>
    Vanished = 1,

    /// <summary>The member left the company (status 5) and left members are deleted.</summary>
    Left = 2,
}
