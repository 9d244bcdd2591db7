using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

/// <summary>The action names of plan steps (as <c>grid.v1.PlanStep.action</c> shows them) and how they count.</summary>
internal static class SyncActions
{
    public const string OrganizationCreate = "organization.create";
    public const string OrganizationRename = "organization.rename";
    public const string OrganizationMove = "organization.move";
    public const string OrganizationRefresh = "organization.refresh";
    public const string OrganizationDelete = "organization.delete";
    public const string AccountCreate = "account.create";
    public const string AccountAdopt = "account.adopt";
    public const string AccountUpdate = "account.update";
    public const string AccountMove = "account.move";
    public const string AccountDisable = "account.disable";
    public const string AccountUserIdChange = "account.userid_change";
    public const string AccountRefresh = "account.refresh";
    public const string AccountDelete = "account.delete";

    /// <summary>Adds one step of <paramref name="action"/> to the counts (refreshes count nowhere: they write no account or organization).</summary>
    public static SyncRunCounts Add(SyncRunCounts counts, string action) => action switch
    {
        OrganizationCreate => counts with { OrganizationsCreated = counts.OrganizationsCreated + 1 },
        OrganizationRename or OrganizationMove => counts with { OrganizationsUpdated = counts.OrganizationsUpdated + 1 },
        OrganizationDelete => counts with { OrganizationsDeleted = counts.OrganizationsDeleted + 1 },
        AccountCreate => counts with { AccountsCreated = counts.AccountsCreated + 1 },
        AccountAdopt => counts with { AccountsAdopted = counts.AccountsAdopted + 1 },
        AccountUpdate or AccountMove => counts with { AccountsUpdated = counts.AccountsUpdated + 1 },
        AccountDisable or AccountDelete => counts with { AccountsDeleted = counts.AccountsDeleted + 1 },
        AccountUserIdChange => counts with { UseridsChanged = counts.UseridsChanged + 1 },
        _ => counts,
    };

    public static SyncRunCounts Sum(SyncRunCounts a, SyncRunCounts b) => new(
        a.OrganizationsCreated + b.OrganizationsCreated,
        a.OrganizationsUpdated + b.OrganizationsUpdated,
        a.OrganizationsDeleted + b.OrganizationsDeleted,
        a.AccountsCreated + b.AccountsCreated,
        a.AccountsAdopted + b.AccountsAdopted,
        a.AccountsUpdated + b.AccountsUpdated,
        a.AccountsDeleted + b.AccountsDeleted,
        a.UseridsChanged + b.UseridsChanged,
        a.Unchanged + b.Unchanged,
        a.Failed + b.Failed);
}
