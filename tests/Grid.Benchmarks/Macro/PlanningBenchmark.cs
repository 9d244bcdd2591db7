using System.Globalization;
using Grid.Benchmarks.Fixtures;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;
using Grid.WeCom.Simulator.Model;
using SourceStatus = Grid.Sync.Sources.MemberStatus;

namespace Grid.Benchmarks.Macro;

/// <summary>
/// Planning a full sync of the generated company with the coordinator's defaults (default mappings and match rule,
/// no adoption candidates, GUID ids): from scratch, unchanged since the last run, and with 1% of the members
/// changed. Baseline: the unavoidable O(n) work of any diff, i.e. building the snapshot's userid → member
/// dictionary and comparing every member's content hash (the <see cref="FloorHash"/>) with the previous one.
/// </summary>
internal static class PlanningBenchmark
{
    private const string SyncNode = "sync-node";

    public static async Task<IReadOnlyList<MacroResult>> RunAsync(SimulatedCompany company, int seed, MacroHarness harness)
    {
        var snapshot = SourceModel.Snapshot(company);
        var settings = new SyncSettings { SyncNode = SyncNode };
        var candidates = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var state = Applied(SyncPlanner.Plan(snapshot, MappedState.Empty, settings, candidates));
        var (edited, edit) = OnePercentChanged(snapshot, seed);
        var buffer = new byte[4096];
        var previousHashes = snapshot.Members.ToDictionary(
            member => member.UserId, member => FloorHash.Of(member, buffer), StringComparer.OrdinalIgnoreCase);
        var members = snapshot.Members.Count;

        var baseline = new MacroCase("userid → member dictionary + hash comparison", "members", () =>
        {
            var byUserId = new Dictionary<string, SourceMember>(snapshot.Members.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var member in snapshot.Members)
            {
                byUserId.Add(member.UserId, member);
            }

            var changed = 0;
            foreach (var (userId, hash) in previousHashes)
            {
                if (!byUserId.TryGetValue(userId, out var member) || FloorHash.Of(member, buffer) != hash)
                {
                    changed++;
                }
            }

            return Task.FromResult(Check(changed == 0, members, "0 changed", "the snapshot differs from itself"));
        });

        MacroCase[] cases =
        [
            new("plan from scratch", "members", () =>
            {
                var plan = SyncPlanner.Plan(snapshot, MappedState.Empty, settings, candidates);
                var summary = plan.Summary;
                return Task.FromResult(Check(
                    summary.AccountCreates == members && summary.OrganizationCreates == snapshot.Departments.Count,
                    members,
                    Steps(summary),
                    $"expected {members} account and {snapshot.Departments.Count} organization creates, got {summary}"));
            }),
            new("plan, nothing changed", "members", () =>
            {
                var plan = SyncPlanner.Plan(snapshot, state, settings, candidates);
                return Task.FromResult(Check(plan.IsEmpty, members, Steps(plan.Summary), $"expected an empty plan, got {plan.Summary}"));
            }),
            new("plan, 1% changed", "members", () =>
            {
                var plan = SyncPlanner.Plan(edited, state, settings, candidates);
                var summary = plan.Summary;
                return Task.FromResult(Check(
                    summary.AccountCreates == edit.Added && summary.AccountDeletes == edit.Removed
                        && summary.OrganizationUpdates == edit.DepartmentsRenamed && summary.AccountUpdates >= edit.Renamed,
                    edited.Members.Count,
                    Steps(summary),
                    $"the plan does not match the edit {edit}: {summary}"));
            }),
        ];

        return await harness.MeasureAsync(
            $"Planning {members:N0} members / {snapshot.Departments.Count:N0} departments (1% = {edit})", baseline, cases)
            .ConfigureAwait(false);
    }

    private static MacroOutcome Check(bool ok, long items, string work, string problem) =>
        ok ? new MacroOutcome(items, work) : throw new InvalidOperationException(problem);

    private static string Steps(PlanSummary summary) => string.Create(CultureInfo.InvariantCulture, $"{summary.Steps:N0} steps");

    // The mapped state after applying the plan: every step records its result, as the coordinator does.
    private static MappedState Applied(SyncPlan plan)
    {
        var departments = new Dictionary<long, MappedDepartment>();
        var members = new Dictionary<string, MappedMember>(StringComparer.OrdinalIgnoreCase);
        foreach (var step in plan.Steps)
        {
            switch (step)
            {
                case DepartmentStep { Result: { } department } departmentStep:
                    departments[departmentStep.DepartmentId] = department;
                    break;
                case MemberStep { Result: { } member } memberStep:
                    members[memberStep.UserId] = member;
                    break;
                default:
                    throw new InvalidOperationException($"A plan from scratch only creates; got {step.Id}.");
            }
        }

        return new MappedState(departments, members);
    }

    // 1% of the members: 40% of them renamed, 30% moved to another department, 10% disabled, 10% removed, and as many
    // added; 1% of the departments renamed. Deterministic for a seed.
    private static (SourceSnapshot Snapshot, OnePercentEdit Edit) OnePercentChanged(SourceSnapshot snapshot, int seed)
    {
        var random = new Random(seed);
        var count = Math.Max(10, snapshot.Members.Count / 100);
        var picked = Enumerable.Range(0, snapshot.Members.Count).ToArray();
        random.Shuffle(picked);
        var renamed = count * 4 / 10;
        var moved = count * 3 / 10;
        var disabled = count / 10;
        var removed = count / 10;
        var changes = new Dictionary<int, int>();
        for (var i = 0; i < renamed + moved + disabled + removed && i < picked.Length; i++)
        {
            changes[picked[i]] = i;
        }

        var departments = snapshot.Departments;
        var members = new List<SourceMember>(snapshot.Members.Count + removed);
        for (var index = 0; index < snapshot.Members.Count; index++)
        {
            var member = snapshot.Members[index];
            if (!changes.TryGetValue(index, out var rank))
            {
                members.Add(member);
            }
            else if (rank < renamed)
            {
                members.Add(member with { Name = member.Name + "（改）" });
            }
            else if (rank < renamed + moved)
            {
                var target = departments[random.Next(departments.Count)].Id;
                members.Add(member with { Departments = [target], MainDepartment = target, IsLeaderInDept = [false] });
            }
            else if (rank < renamed + moved + disabled)
            {
                members.Add(member with { Status = SourceStatus.Disabled });
            }
        }

        for (var i = 0; i < removed; i++)
        {
            var department = departments[random.Next(departments.Count)].Id;
            members.Add(new SourceMember
            {
                UserId = string.Create(CultureInfo.InvariantCulture, $"bench-new-{i:D6}"),
                Name = string.Create(CultureInfo.InvariantCulture, $"新同事 {i}"),
                Departments = [department],
                MainDepartment = department,
                Position = "工程师",
            });
        }

        var departmentsRenamed = Math.Max(1, departments.Count / 100);
        var renamedDepartments = departments
            .Select((department, index) => index > 0 && index <= departmentsRenamed ? department with { Name = department.Name + "（新）" } : department)
            .ToList();
        return (new SourceSnapshot(renamedDepartments, members, Complete: true),
            new OnePercentEdit(renamed, moved, disabled, removed, removed, departmentsRenamed));
    }
}
