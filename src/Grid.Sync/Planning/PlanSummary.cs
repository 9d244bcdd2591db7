using Grid.Sync.Planning.Steps;

namespace Grid.Sync.Planning;

/// <summary>
/// Counts of what a plan does. One <see cref="AccountUpdate"/> step may count as an update, a move and a status
/// change at once; a recreate counts as one create and one delete besides <see cref="AccountRecreates"/>.
/// </summary>
public sealed record PlanSummary
{
    /// <summary>Organizations created.</summary>
    public int OrganizationCreates { get; init; }

    /// <summary>Organizations whose mapped fields change (renames).</summary>
    public int OrganizationUpdates { get; init; }

    /// <summary>Organizations that move to another parent.</summary>
    public int OrganizationMoves { get; init; }

    /// <summary>Departments recorded without a platform write.</summary>
    public int DepartmentRefreshes { get; init; }

    /// <summary>Organizations deleted.</summary>
    public int OrganizationDeletes { get; init; }

    /// <summary>Accounts created (including those of recreates).</summary>
    public int AccountCreates { get; init; }

    /// <summary>Existing accounts adopted by the match rule.</summary>
    public int AccountAdoptions { get; init; }

    /// <summary>Accounts whose mapped fields change.</summary>
    public int AccountUpdates { get; init; }

    /// <summary>Accounts whose organizations change.</summary>
    public int AccountMoves { get; init; }

    /// <summary>Accounts whose status changes (including members who left, when left members are disabled).</summary>
    public int AccountStatusChanges { get; init; }

    /// <summary>Userid changes that keep the account.</summary>
    public int AccountRebinds { get; init; }

    /// <summary>Userid changes that delete the old account and create a new one.</summary>
    public int AccountRecreates { get; init; }

    /// <summary>Members recorded without an account write.</summary>
    public int MemberRefreshes { get; init; }

    /// <summary>Accounts deleted, whatever the reason (gone, out of scope, left, recreated).</summary>
    public int AccountDeletes { get; init; }

    /// <summary>Members or departments left as they were because of a <see cref="PlanIssue"/>.</summary>
    public int Issues { get; init; }

    /// <summary>Number of steps.</summary>
    public int Steps { get; init; }

    /// <summary>Counts <paramref name="steps"/>.</summary>
    public static PlanSummary Of(IEnumerable<SyncStep> steps, int issues)
    {
        ArgumentNullException.ThrowIfNull(steps);
        int orgCreates = 0, orgUpdates = 0, orgMoves = 0, deptRefreshes = 0, orgDeletes = 0;
        int creates = 0, adoptions = 0, updates = 0, moves = 0, statusChanges = 0, rebinds = 0, recreates = 0;
        int refreshes = 0, deletes = 0, total = 0;
        foreach (var step in steps)
        {
            total++;
            switch (step)
            {
                case OrganizationCreate:
                    orgCreates++;
                    break;
                case OrganizationUpdate update:
                    orgUpdates += update.ChangesFields ? 1 : 0;
                    orgMoves += update.Moves ? 1 : 0;
                    break;
                case DepartmentRefresh:
                    deptRefreshes++;
                    break;
                case OrganizationDelete:
                    orgDeletes++;
                    break;
                case AccountCreate:
                    creates++;
                    break;
                case AccountAdopt:
                    adoptions++;
                    break;
                case AccountUpdate update:
                    updates += update.ChangesFields ? 1 : 0;
                    moves += update.Moves ? 1 : 0;
                    statusChanges += update.ChangesStatus ? 1 : 0;
                    break;
                case AccountRebind:
                    rebinds++;
                    break;
                case AccountRecreate:
                    recreates++;
                    creates++;
                    deletes++;
                    break;
                case MemberRefresh:
                    refreshes++;
                    break;
                case AccountDelete:
                    deletes++;
                    break;
                default:
                    throw new ArgumentException($"Unknown step type {step.GetType().Name}.", nameof(steps));
            }
        }

        return new PlanSummary
        {
            OrganizationCreates = orgCreates,
            OrganizationUpdates = orgUpdates,
            OrganizationMoves = orgMoves,
            DepartmentRefreshes = deptRefreshes,
            OrganizationDeletes = orgDeletes,
            AccountCreates = creates,
            AccountAdoptions = adoptions,
            AccountUpdates = updates,
            AccountMoves = moves,
            AccountStatusChanges = statusChanges,
            AccountRebinds = rebinds,
            AccountRecreates = recreates,
            MemberRefreshes = refreshes,
            AccountDeletes = deletes,
            Issues = issues,
            Steps = total,
        };
    }
}
