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

    private readonly SourceSnapshot _snapshot;
    private readonly MappedState _mapped;
    private readonly SyncSettings _settings;
    private readonly CompiledFieldMappings _mappings;
    private readonly Func<SourceMember, string>? _matchValue;
    private readonly IReadOnlyDictionary<string, string> _adoptionCandidates;
    private readonly Func<string> _newId;
    private readonly PlanScope? _scope;
    private readonly HashWriter _hasher = new();
    private readonly List<PlanIssue> _issues = [];
    private readonly List<DepartmentStep> _organizationSteps = [];
    private readonly List<OrganizationDelete> _organizationDeletes = [];
    private readonly List<MemberStep> _accountSteps = [];
    private readonly List<AccountDelete> _accountDeletes = [];
    private readonly Dictionary<long, SourceDepartment> _departments;
    private readonly Dictionary<long, string> _organizationIds;
    private readonly Dictionary<string, SourceMember> _members;

    public PlanBuilder(
        SourceSnapshot snapshot,
        MappedState mapped,
        SyncSettings settings,
        CompiledFieldMappings mappings,
        Func<SourceMember, string>? matchValue,
        IReadOnlyDictionary<string, string> adoptionCandidates,
        Func<string> newId,
        PlanScope? scope)
    {
        _snapshot = snapshot;
        _mapped = mapped;
        _settings = settings;
        _mappings = mappings;
        _matchValue = matchValue;
        _adoptionCandidates = adoptionCandidates;
        _newId = newId;
        _scope = scope;
        _departments = new Dictionary<long, SourceDepartment>(snapshot.Departments.Count);
        _organizationIds = new Dictionary<long, string>(snapshot.Departments.Count);
        _members = new Dictionary<string, SourceMember>(snapshot.Members.Count, StringComparer.OrdinalIgnoreCase);
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
        foreach (var group in _organizationSteps.GroupBy(step => step.Depth).OrderBy(group => group.Key))
        {
            batches.Add(new StepBatch(SyncPhase.Organizations, group.Key, [.. group.OrderBy(step => step.DepartmentId)]));
        }

        if (_accountSteps.Count > 0)
        {
            batches.Add(new StepBatch(SyncPhase.Accounts, 0, [.. _accountSteps]));
        }

        if (_accountDeletes.Count > 0)
        {
            batches.Add(new StepBatch(SyncPhase.AccountDeletes, 0, [.. _accountDeletes.OrderBy(step => step.UserId, StringComparer.Ordinal)]));
        }

        foreach (var group in _organizationDeletes.GroupBy(step => step.Depth).OrderByDescending(group => group.Key))
        {
            batches.Add(new StepBatch(SyncPhase.OrganizationDeletes, group.Key, [.. group.OrderBy(step => step.DepartmentId)]));
        }

        var plannedIssues = _issues
            .OrderBy(issue => issue.Subject, StringComparer.Ordinal)
            .ThenBy(issue => issue.Message, StringComparer.Ordinal)
            .ToImmutableArray();
        var allBatches = batches.ToImmutable();
        var summary = PlanSummary.Of(allBatches.SelectMany(batch => batch.Steps), plannedIssues.Length);
        return new SyncPlan(allBatches, summary, plannedIssues);
    }

    // A full run plans everything; an incremental plan only what it is about (the rest of the mapped state is context).
    private bool InScope(string userId) => _scope is null || _scope.Contains(userId);

    private bool InScope(long departmentId) => _scope is null || _scope.Contains(departmentId);

    // GridKeys' prefix tells an account id from an organization id wherever an id is seen.
    private string NewId(string prefix)
    {
        var id = _newId();
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidOperationException("The id generator returned an empty id.");
        }

        return prefix + id;
    }

    private void AddIssue(SourceMember member, string message) => _issues.Add(new PlanIssue(MemberSubject(member.UserId), message));

    private void AddIssue(SourceDepartment department, string message) =>
        _issues.Add(new PlanIssue($"department {department.Id.ToString(CultureInfo.InvariantCulture)}", message));

    private static string MemberSubject(string userId) => $"member {userId}";
}
