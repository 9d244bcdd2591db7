using System.Diagnostics;
using Grid.Sync.Planning;
using Grid.Sync.Sources;
using Grid.Sync.Tests.Support;
using Xunit.Abstractions;

namespace Grid.Sync.Tests.Planning;

/// <summary>
/// Plans a large tenant from scratch and again after 1% of changes, asserting the counts. Timings and allocations
/// are printed for the report, never asserted (benchmarks measure performance).
/// </summary>
public sealed class PlannerScaleTests(ITestOutputHelper output)
{
    private const int DepartmentCount = 5_000;
    private const int MemberCount = 100_000;

    [Fact]
    public void Plan_For100000MembersIn5000Departments_CountsEveryChangeOfAOnePercentEdit()
    {
        var random = new Random(42);
        var departments = GenerateDepartments(random);
        var members = Enumerable.Range(0, MemberCount)
            .Select(i => new SourceMember
            {
                UserId = $"user{i:D6}",
                Name = $"成员 {i}",
                Departments = random.Next(4) == 0
                    ? [departments[random.Next(DepartmentCount)].Id, departments[random.Next(DepartmentCount)].Id]
                    : [departments[random.Next(DepartmentCount)].Id],
                Position = "工程师",
                Mobile = $"138{i:D8}",
                BizMail = $"user{i:D6}@corp.example",
            })
            .ToList();
        var snapshot = new SourceSnapshot(departments, members, true);

        var scratch = Measure("plan from scratch", () => Plans.Plan(snapshot, ids: new SequentialIds("a-")));

        Assert.Equal((DepartmentCount, MemberCount, DepartmentCount + MemberCount), (scratch.Summary.OrganizationCreates, scratch.Summary.AccountCreates, scratch.Summary.Steps));
        Assert.Equal([SyncPhase.Organizations, SyncPhase.Accounts], scratch.Batches.Select(b => b.Phase).Distinct());
        var applier = new TestApplier(Plans.SyncNode);
        Measure("apply (test applier)", () => applier.Apply(scratch));
        var state = applier.State;

        var unchanged = Measure("plan, nothing changed", () => Plans.Plan(snapshot, state));
        Assert.True(unchanged.IsEmpty);

        var edited = Edit(random, departments, members);
        var plan = Measure("plan, 1% changed", () => Plans.Plan(edited, state, ids: new SequentialIds("b-")));

        var summary = plan.Summary;
        Assert.Equal(
            (50, 0, 100, 400, 300, 100, 100, 0, 1_050),
            (summary.OrganizationUpdates, summary.OrganizationMoves, summary.AccountCreates, summary.AccountUpdates, summary.AccountMoves,
                summary.AccountStatusChanges, summary.AccountDeletes, summary.MemberRefreshes, summary.Steps));
        Assert.True(Protection.Evaluate(summary, state.Members.Count, state.Departments.Count, ProtectionPolicy.Default).IsBlocked);
    }

    // Wall time suffers from other work on a shared machine; process CPU time shows what the planner itself costs.
    private T Measure<T>(string what, Func<T> action)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = TimeProvider.System.GetTimestamp();
        var result = action();
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        process.Refresh();
        var megabytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (1024.0 * 1024.0);
        output.WriteLine(
            $"{what}: {elapsed.TotalMilliseconds:F0} ms wall, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, {megabytes:F0} MB allocated");
        return result;
    }

    private void Measure(string what, Action action) => Measure(what, () =>
    {
        action();
        return 0;
    });

    // A tree no deeper than WeCom's limit of 15 levels.
    private static List<SourceDepartment> GenerateDepartments(Random random)
    {
        var departments = new List<SourceDepartment> { new(1, 0, "Corp", "Corp", 0) };
        var depths = new List<int> { 1 };
        while (departments.Count < DepartmentCount)
        {
            var parent = random.Next(departments.Count);
            if (depths[parent] >= 15)
            {
                continue;
            }

            departments.Add(new SourceDepartment(departments.Count + 1, departments[parent].Id, $"部门 {departments.Count + 1}", null, random.Next(1000)));
            depths.Add(depths[parent] + 1);
        }

        return departments;
    }

    // 1%: 400 renamed, 300 moved, 100 disabled, 100 gone, 100 new members; 50 departments renamed.
    private static SourceSnapshot Edit(Random random, List<SourceDepartment> departments, List<SourceMember> members)
    {
        var editedDepartments = departments.Select((d, i) => i % 100 == 7 ? d with { Name = d.Name + " (renamed)" } : d).ToList();
        var editedMembers = new List<SourceMember>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            switch (i)
            {
                case < 400:
                    editedMembers.Add(member with { Name = member.Name + " (renamed)" });
                    break;
                case < 700:
                    long target;
                    do
                    {
                        target = departments[random.Next(departments.Count)].Id;
                    }
                    while (member.Departments.Contains(target));
                    editedMembers.Add(member with { Departments = [target] });
                    break;
                case < 800:
                    editedMembers.Add(member with { Status = MemberStatus.Disabled });
                    break;
                case < 900:
                    break;
                default:
                    editedMembers.Add(member);
                    break;
            }
        }

        for (var i = 0; i < 100; i++)
        {
            editedMembers.Add(new SourceMember { UserId = $"newcomer{i}", Name = $"新人 {i}", Departments = [departments[i].Id] });
        }

        return new SourceSnapshot(editedDepartments, editedMembers, true);
    }
}
