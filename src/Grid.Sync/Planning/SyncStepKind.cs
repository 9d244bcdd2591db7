namespace Grid.Sync.Planning;

/// <summary>What a step does.</summary>
public enum SyncStepKind
{
    /// <summary>Create an organization for a new department.</summary>
    OrganizationCreate = 1,

    /// <summary>Change an organization's mapped fields (a rename) and/or its parent (a move).</summary>
    OrganizationUpdate = 2,

    /// <summary>Record a changed department whose organization stays as it is: no platform write.</summary>
    DepartmentRefresh = 3,

    /// <summary>Delete the organization of a department that is gone or out of scope.</summary>
    OrganizationDelete = 4,

    /// <summary>Create an account for a new member.</summary>
    AccountCreate = 5,

    /// <summary>Link an existing, unlinked account to a new member (match rule) and apply the mapping.</summary>
    AccountAdopt = 6,

    /// <summary>Change an account's mapped fields, organizations and/or status.</summary>
    AccountUpdate = 7,

    /// <summary>A userid changed: keep the account, change its WeCom userid, apply the mapping.</summary>
    AccountRebind = 8,

    /// <summary>A userid changed: delete the old account, then create a new one.</summary>
    AccountRecreate = 9,

    /// <summary>Record a changed member whose account stays as it is: no platform write.</summary>
    MemberRefresh = 10,

    /// <summary>Delete the account of a member who is gone, out of scope, or left (when left members are deleted).</summary>
    AccountDelete = 11,
}
