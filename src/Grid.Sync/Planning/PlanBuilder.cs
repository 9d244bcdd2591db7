using System.Collections.Immutable;
using System.Globalization;
using Grid.Sync.Mapping;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Sync.Planning;

/// <summary>
/// One planning run. Every pass is a single walk over the snapshot or the mapped state with dictionary lookups, so
/// time and memory grow linearly; the only sorts are of ids, for a stable step order. Split by concern: this file
/// holds the run's state and assembles the plan; PlanBuilder.Departments.cs plans organizations,
/// PlanBuilder.Members.cs plans accounts.
/// </summary>
internal sealed partial class PlanBuilder
{
    private const string NameTarget = "name";

    private readonly SourceSnapshot snapshot;
    private readonly MappedState mapped;
    private readonly SyncSettings settings;
    private readonly CompiledFieldMappings mappings;
    private readonly Func<SourceMember, string>? matchValue;
    private readonly IReadOnlyDictionary<string, string> adoptionCandidates;
    private readonly Func<string> newId;
    private readonly HashWriter hasher = new();
    private readonly List<PlanIssue> issues = [];
    private readonly List<DepartmentStep> organizationSteps = [];
    private readonly List<OrganizationDelete> organizationDeletes = [];
    private readonly List<MemberStep> accountSteps = [];
    private readonly List<AccountDelete> accountDeletes = [];
    private readonly Dictionary<long, SourceDepartment> departments;
    private readonly Dictionary<long, string> organizationIds;
    private readonly Dictionary<string, SourceMember> members;

    public PlanBuilder(
        SourceSnapshot snapshot,
        MappedState mapped,
        SyncSettings settings,
        CompiledFieldMappings mappings,
        Func<SourceMember, string>? matchValue,
        IReadOnlyDictionary<string, string> adoptionCandidates,
        Func<string> newId)
    {
        this.snapshot = snapshot;
        this.mapped = mapped;
        this.settings = settings;
        this.mappings = mappings;
        this.matchValue = matchValue;
        this.adoptionCandidates = adoptionCandidates;
        this.newId = newId;
        departments = new Dictionary<long, SourceDepartment>(snapshot.Departments.Count);
        organizationIds = new Dictionary<long, string>(snapshot.Departments.Count);
        members = new Dictionary<string, SourceMember>(snapshot.Members.Count, StringComparer.OrdinalIgnoreCase);
    }

    public SyncPlan Build()
    {
        PlanDepartments();
        PlanMembers();
        return Assemble();
    }

    private SyncPlan Assemble()
    {
        var batches = ImmutableArray.CreateBuilder<StepBatch>();

        // Creates, renames and moves share one pass by final depth: when a department moves under one created in
        // the same run, or two departments swap places, every parent is already where it ends up.
        foreach (var group in organizationSteps.GroupBy(step => step.Depth).OrderBy(group => group.Key))
        {
            batches.Add(new StepBatch(SyncPhase.Organizations, group.Key, [.. group.OrderBy(step => step.DepartmentId)]));
        }

        if (accountSteps.Count > 0)
        {
            batches.Add(new StepBatch(SyncPhase.Accounts, 0, [.. accountSteps]));
        }

        if (accountDeletes.Count > 0)
        {
            batches.Add(new StepBatch(SyncPhase.AccountDeletes, 0, [.. accountDeletes.OrderBy(step => step.UserId, StringComparer.Ordinal)]));
        }

        foreach (var group in organizationDeletes.GroupBy(step => step.Depth).OrderByDescending(group => group.Key))
        {
            batches.Add(new StepBatch(SyncPhase.OrganizationDeletes, group.Key, [.. group.OrderBy(step => step.DepartmentId)]));
        }

        var plannedIssues = issues
            .OrderBy(issue => issue.Subject, StringComparer.Ordinal)
            .ThenBy(issue => issue.Message, StringComparer.Ordinal)
            .ToImmutableArray();
        var allBatches = batches.ToImmutable();
        var summary = PlanSummary.Of(allBatches.SelectMany(batch => batch.Steps), plannedIssues.Length);
        return new SyncPlan(allBatches, summary, plannedIssues);
    }

    // GridKeys' prefix tells an account id from an organization id wherever an id is seen.
    private string NewId(string prefix)
    {
        var id = newId();
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidOperationException("The id generator returned an empty id.");
        }

        return prefix + id;
    }

    private void AddIssue(SourceMember member, string message) => issues.Add(new PlanIssue(MemberSubject(member.UserId), message));

    private void AddIssue(SourceDepartment department, string message) =>
        issues.Add(new PlanIssue($"department {department.Id.ToString(CultureInfo.InvariantCulture)}", message));

    private static string MemberSubject(string userId) => $"member {userId}";
}
