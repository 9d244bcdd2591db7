using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions.Sync;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Grains.Sync;

/// <summary>
/// Cuts a <see cref="SyncPlan"/> into the records a run keeps: chunks of at most <c>chunkSize</c> steps that never
/// span two of the plan's batches (a batch finishes before the next starts: parents before children, creates before
/// deletes). Each record holds the planner's step as it is (what the grain applies), the department as fetched, and
/// the view admins page through, so that an approved or resumed run applies the plan as it was made, without the
/// snapshot.
/// </summary>
internal sealed class PlanChunks(SourceSnapshot snapshot, MappedState mapped, int chunkSize)
{
    private readonly Dictionary<long, SourceDepartment> _departments = snapshot.Departments.ToDictionary(d => d.Id);

    public (List<ImmutableArray<SyncStepRecord>> Chunks, SyncRunCounts Counts) Cut(SyncPlan plan)
    {
        var chunks = new List<ImmutableArray<SyncStepRecord>>();
        var counts = SyncRunCounts.Zero;
        var stepsByMember = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stepsByDepartment = new HashSet<long>();
        long index = 0;
        foreach (var batch in plan.Batches)
        {
            foreach (var part in batch.Steps.Chunk(chunkSize))
            {
                var records = ImmutableArray.CreateBuilder<SyncStepRecord>(part.Length);
                foreach (var step in part)
                {
                    counts = SyncActions.Add(counts, step);
                    switch (step)
                    {
                        case MemberStep member:
                            records.Add(ToRecord(member, index++));
                            stepsByMember.Add(member.UserId);
                            break;
                        case DepartmentStep department:
                            records.Add(ToRecord(department, index++));
                            stepsByDepartment.Add(department.DepartmentId);
                            break;
                        default:
                            throw new ArgumentException($"Unknown step type {step.GetType().Name}.", nameof(plan));
                    }
                }

                chunks.Add(records.MoveToImmutable());
            }
        }

        var unchanged = snapshot.Members.Count(m => !stepsByMember.Contains(m.UserId))
            + snapshot.Departments.Count(d => !stepsByDepartment.Contains(d.Id));
        return (chunks, counts with { Unchanged = unchanged });
    }

    private SyncStepRecord ToRecord(DepartmentStep step, long index)
    {
        mapped.Departments.TryGetValue(step.DepartmentId, out var old);
        var seen = step is OrganizationDelete || !_departments.TryGetValue(step.DepartmentId, out var department)
            ? null
            : SyncConversions.ToRecord(department);
        var view = new SyncRunStep(
            index,
            step.Id,
            SyncActions.Of(step),
            "department:" + step.DepartmentId.ToString(CultureInfo.InvariantCulture),
            step.OrganizationId,
            Describe(step, old),
            SyncStepOutcome.Pending,
            null);
        return new SyncStepRecord(view, step, seen);
    }

    private SyncStepRecord ToRecord(MemberStep step, long index)
    {
        var view = new SyncRunStep(
            index, step.Id, SyncActions.Of(step), "user:" + step.UserId, step.AccountId, Describe(step), SyncStepOutcome.Pending, null);
        return new SyncStepRecord(view, step, null);
    }

    private static string Describe(DepartmentStep step, MappedDepartment? old) => step switch
    {
        OrganizationCreate create => $"create '{SyncConversions.Value(create.Fields, "name")}' under {create.ParentOrganizationId}",
        OrganizationUpdate update => Describe(update, old),
        DepartmentRefresh => "record department changes that map to no organization field",
        OrganizationDelete => $"delete '{old?.Name ?? step.OrganizationId}' (department {step.DepartmentId} is gone from WeCom or out of scope)",
        _ => throw new ArgumentException($"Unknown department step {step.GetType().Name}.", nameof(step)),
    };

    private static string Describe(MemberStep step) => step switch
    {
        AccountCreate create => $"create account '{SyncConversions.Value(create.Fields, "username") ?? create.UserId}'",
        AccountAdopt adopt => $"adopt account {adopt.AccountId}, matched by '{adopt.MatchValue}'",
        AccountUpdate update => Describe(update),
        AccountRebind rebind => $"userid '{rebind.PreviousUserId}' became '{rebind.UserId}': keep account {rebind.AccountId}",
        AccountRecreate recreate =>
            $"userid '{recreate.PreviousUserId}' became '{recreate.UserId}': delete account {recreate.PreviousAccountId}, create {recreate.AccountId}",
        MemberRefresh => "record member changes that map to no account field",
        AccountDelete delete => delete.Reason == AccountDeleteReason.Left
            ? $"delete account {delete.AccountId}: the member left the company"
            : $"delete account {delete.AccountId}: the member is gone from WeCom or out of scope",
        _ => throw new ArgumentException($"Unknown member step {step.GetType().Name}.", nameof(step)),
    };

    private static string Describe(AccountUpdate update)
    {
        var parts = new List<string>(3);
        if (update.ChangesFields)
        {
            parts.Add("update mapped fields");
        }

        if (update.OrganizationIds is { } organizations)
        {
            parts.Add($"move to {string.Join(", ", organizations)}");
        }

        if (update.Status is { } status)
        {
            parts.Add($"set status {status}");
        }

        return string.Join("; ", parts);
    }

    private static string Describe(OrganizationUpdate update, MappedDepartment? old)
    {
        var parts = new List<string>(2);
        if (update.ChangesFields)
        {
            parts.Add($"rename '{old?.Name}' to '{(update.Fields is { } fields ? SyncConversions.Value(fields, "name") : null)}'");
        }

        if (update.ParentOrganizationId is { } parent)
        {
            parts.Add($"move under {parent}");
        }

        return string.Join("; ", parts);
    }
}
