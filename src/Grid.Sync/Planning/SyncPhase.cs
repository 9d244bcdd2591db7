namespace Grid.Sync.Planning;

/// <summary>The order in which a plan is applied; each phase finishes before the next begins.</summary>
public enum SyncPhase
{
    /// <summary>Organization creates, updates and moves, by depth (parents first), and department refreshes.</summary>
    Organizations = 1,

    /// <summary>Account creates, adoptions, updates, moves, status changes, userid changes, member refreshes.</summary>
    Accounts = 2,

    /// <summary>Account deletes.</summary>
    AccountDeletes = 3,

    /// <summary>Organization deletes, deepest first.</summary>
    OrganizationDeletes = 4,
}
