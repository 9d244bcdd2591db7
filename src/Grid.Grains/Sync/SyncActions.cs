using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Sync.Planning.Steps;

namespace Grid.Grains.Sync;

/// <summary>
/// How plan steps show and count: the action name <c>grid.v1.PlanStep.action</c> shows for a step, and the run counts
/// it adds to (refreshes count nowhere: they write no account or organization).
/// </summary>
internal static class SyncActions
{
    public static string Of(SyncStep step) => step switch
    {
        OrganizationCreate => "organization.create",
        OrganizationUpdate update => update.ChangesFields ? "organization.rename" : "organization.move",
        DepartmentRefresh => "organization.refresh",
        OrganizationDelete => "organization.delete",
        AccountCreate => "account.create",
        AccountAdopt => "account.adopt",
        AccountUpdate update when IsDisable(update) => "account.disable",
        AccountUpdate update => update.Moves && !update.ChangesFields && !update.ChangesStatus ? "account.move" : "account.update",
        AccountRebind or AccountRecreate => "account.userid_change",
        MemberRefresh => "account.refresh",
        AccountDelete => "account.delete",
        _ => throw new ArgumentException($"Unknown step type {step.GetType().Name}.", nameof(step)),
    };

    /// <summary>Adds one planned or applied step to the counts (a disable counts as a delete).</summary>
    public static SyncRunCounts Add(SyncRunCounts counts, SyncStep step) => step switch
    {
        OrganizationCreate => counts with { OrganizationsCreated = counts.OrganizationsCreated + 1 },
        OrganizationUpdate => counts with { OrganizationsUpdated = counts.OrganizationsUpdated + 1 },
        OrganizationDelete => counts with { OrganizationsDeleted = counts.OrganizationsDeleted + 1 },
        AccountCreate => counts with { AccountsCreated = counts.AccountsCreated + 1 },
        AccountAdopt => counts with { AccountsAdopted = counts.AccountsAdopted + 1 },
        AccountUpdate update when IsDisable(update) => counts with { AccountsDeleted = counts.AccountsDeleted + 1 },
        AccountUpdate => counts with { AccountsUpdated = counts.AccountsUpdated + 1 },
        AccountDelete => counts with { AccountsDeleted = counts.AccountsDeleted + 1 },
        AccountRebind or AccountRecreate => counts with { UseridsChanged = counts.UseridsChanged + 1 },
        _ => counts,
    };

    private static bool IsDisable(AccountUpdate update) =>
        update.Status == AccountStatus.Disabled && !update.ChangesFields && !update.Moves;
}
