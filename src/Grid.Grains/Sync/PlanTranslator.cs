using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Sync.Mapping;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Grains.Sync;

/// <summary>
/// Turns a <see cref="SyncPlan"/> into the records a run keeps: chunks of at most <c>chunkSize</c> steps that never
/// span two of the plan's batches (a batch finishes before the next starts: parents before children, creates before
/// deletes), each step carrying the whole change its grain applies, so that an approved or resumed run applies the
/// plan as it was made, without the snapshot.
/// </summary>
internal sealed class PlanTranslator(
    SourceSnapshot snapshot,
    MappedState mapped,
    string runId,
    string externalIdSource,
    int chunkSize)
{
    private readonly Dictionary<string, SourceMember> _members =
        snapshot.Members.ToDictionary(m => m.UserId, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<long, SourceDepartment> _departments = snapshot.Departments.ToDictionary(d => d.Id);

    public (List<ImmutableArray<SyncStepRecord>> Chunks, SyncRunCounts Counts) Translate(SyncPlan plan)
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
                    var record = ToRecord(step, index++);
                    counts = SyncActions.Add(counts, record.View.Action);
                    records.Add(record);
                    if (step is MemberStep member)
                    {
                        stepsByMember.Add(member.UserId);
                    }
                    else if (step is DepartmentStep department)
                    {
                        stepsByDepartment.Add(department.DepartmentId);
                    }
                }

                chunks.Add(records.MoveToImmutable());
            }
        }

        var unchanged = snapshot.Members.Count(m => !stepsByMember.Contains(m.UserId))
            + snapshot.Departments.Count(d => !stepsByDepartment.Contains(d.Id));
        return (chunks, counts with { Unchanged = unchanged });
    }

    private SyncStepRecord ToRecord(SyncStep step, long index) => step switch
    {
        DepartmentStep department => ToRecord(department, index),
        MemberStep member => ToRecord(member, index),
        _ => throw new ArgumentException($"Unknown step type {step.GetType().Name}.", nameof(step)),
    };

    private SyncStepRecord ToRecord(DepartmentStep step, long index)
    {
        var source = "department:" + step.DepartmentId.ToString(CultureInfo.InvariantCulture);
        _departments.TryGetValue(step.DepartmentId, out var department);
        mapped.Departments.TryGetValue(step.DepartmentId, out var old);
        var (kind, action, description, parent, fields) = step switch
        {
            OrganizationCreate create => (
                DepartmentChangeKind.Create,
                SyncActions.OrganizationCreate,
                $"create '{SyncConversions.Value(create.Fields, "name")}' under {create.ParentOrganizationId}",
                create.ParentOrganizationId,
                create.Fields),
            OrganizationUpdate update => (
                DepartmentChangeKind.Update,
                update.ChangesFields ? SyncActions.OrganizationRename : SyncActions.OrganizationMove,
                Describe(update, old),
                update.ParentOrganizationId,
                update.Fields),
            DepartmentRefresh => (
                DepartmentChangeKind.Refresh,
                SyncActions.OrganizationRefresh,
                "record department changes that map to no organization field",
                (string?)null,
                (FieldValues?)null),
            OrganizationDelete => (
                DepartmentChangeKind.Delete,
                SyncActions.OrganizationDelete,
                $"delete '{old?.Name ?? step.OrganizationId}' (department {step.DepartmentId} is gone from WeCom or out of scope)",
                (string?)null,
                (FieldValues?)null),
            _ => throw new ArgumentException($"Unknown department step {step.GetType().Name}.", nameof(step)),
        };

        var change = new DepartmentSyncChange(
            kind,
            step.DepartmentId,
            step.OrganizationId,
            externalIdSource,
            parent,
            fields is null ? null : SyncConversions.Value(fields, "name") ?? step.Result?.Name,
            fields is null ? null : SyncConversions.Value(fields, "code"),
            department is null || kind == DepartmentChangeKind.Delete ? null : SyncConversions.ToRecord(department),
            step.Result is null ? null : SyncConversions.ToSyncHash(step.Result.SourceHash),
            runId);
        var view = new SyncRunStep(index, step.Id, action, source, step.OrganizationId, description, SyncStepOutcome.Pending, null);
        var result = step.Result is null ? null : SyncConversions.ToRoster(step.DepartmentId, step.Result);
        return new SyncStepRecord(view, null, change, null, result);
    }

    private SyncStepRecord ToRecord(MemberStep step, long index)
    {
        var source = "user:" + step.UserId;
        _members.TryGetValue(step.UserId, out var member);
        var (kind, action, description, previousAccountId, fields, organizations, status) = step switch
        {
            AccountCreate create => (
                MemberChangeKind.Create,
                SyncActions.AccountCreate,
                $"create account '{SyncConversions.Value(create.Fields, "username") ?? create.UserId}'",
                (string?)null,
                create.Fields,
                (ImmutableArray<string>?)create.OrganizationIds,
                (AccountStatus?)create.Status),
            AccountAdopt adopt => (
                MemberChangeKind.Adopt,
                SyncActions.AccountAdopt,
                $"adopt account {adopt.AccountId}, matched by '{adopt.MatchValue}'",
                null,
                adopt.Fields,
                adopt.OrganizationIds,
                adopt.Status),
            AccountUpdate update => (
                MemberChangeKind.Update,
                ActionOf(update),
                Describe(update),
                null,
                update.Fields,
                update.OrganizationIds,
                update.Status),
            AccountRebind rebind => (
                MemberChangeKind.Rebind,
                SyncActions.AccountUserIdChange,
                $"userid '{rebind.PreviousUserId}' became '{rebind.UserId}': keep account {rebind.AccountId}",
                null,
                rebind.Fields,
                rebind.OrganizationIds,
                rebind.Status),
            AccountRecreate recreate => (
                MemberChangeKind.Recreate,
                SyncActions.AccountUserIdChange,
                $"userid '{recreate.PreviousUserId}' became '{recreate.UserId}': delete account {recreate.PreviousAccountId}, create {recreate.AccountId}",
                recreate.PreviousAccountId,
                recreate.Fields,
                recreate.OrganizationIds,
                recreate.Status),
            MemberRefresh => (
                MemberChangeKind.Refresh,
                SyncActions.AccountRefresh,
                "record member changes that map to no account field",
                null,
                null,
                null,
                null),
            AccountDelete delete => (
                MemberChangeKind.Delete,
                SyncActions.AccountDelete,
                delete.Reason == AccountDeleteReason.Left
                    ? $"delete account {delete.AccountId}: the member left the company"
                    : $"delete account {delete.AccountId}: the member is gone from WeCom or out of scope",
                null,
                null,
                null,
                null),
            _ => throw new ArgumentException($"Unknown member step {step.GetType().Name}.", nameof(step)),
        };

        var change = new MemberSyncChange(
            kind,
            step.UserId,
            step.PreviousUserId,
            step.AccountId,
            previousAccountId,
            externalIdSource,
            fields is null ? null : SyncConversions.ToProfile(fields, step.UserId),
            organizations,
            status,
            member is null || kind == MemberChangeKind.Delete ? null : SyncConversions.ToRecord(member),
            step.Result is null ? null : SyncConversions.ToSyncHash(step.Result.SourceHash),
            runId);
        var view = new SyncRunStep(index, step.Id, action, source, step.AccountId, description, SyncStepOutcome.Pending, null);
        var result = step.Result is null ? null : SyncConversions.ToRoster(step.UserId, step.Result);
        return new SyncStepRecord(view, change, null, result, null);
    }

    private static string ActionOf(AccountUpdate update)
    {
        if (update.Status == AccountStatus.Disabled && !update.ChangesFields && !update.Moves)
        {
            return SyncActions.AccountDisable;
        }

        return update.Moves && !update.ChangesFields && !update.ChangesStatus ? SyncActions.AccountMove : SyncActions.AccountUpdate;
    }

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
