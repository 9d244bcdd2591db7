namespace Grid.Abstractions.Connectors;

/// <summary>What a sync does when a WeCom member's userid changes.</summary>
[GenerateSerializer]
[Alias("grid.userid-change-mode")]
public enum UserIdChangeMode
{
    /// <summary>Keep the account and rebind its external id to the new userid (the account id never changes).</summary>
    Rebind = 1,

    /// <summary>Delete the old account and create a new one for the new userid.</summary>
    Recreate = 2,
}
