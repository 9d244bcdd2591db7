using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.Tests.Support;
using static Grid.Sync.Tests.Support.Source;

namespace Grid.Sync.Tests.Planning;

public sealed class SyncPlannerScopeTests
{
    private static readonly SourceDepartment[] Tree = [Dept(1, 0), Dept(2, 1), Dept(3, 2)];

    [Fact]
    public void Plan_WithAScope_PlansOnlyItsMembersAndKeepsTheRestOfTheMappedStateAsContext()
    {
        var first = Plans.FirstRun(Snapshot(Tree, [Member("a", 2), Member("b", 3), Member("c", 3)]));
        var mapped = first.State;
        var changed = Member("a", 3) with { Name = "Renamed" };

        var plan = Plans.Plan(Snapshot([], [changed]), mapped, scope: Scope(["a"], []));

        var update = Plans.Single<AccountUpdate>(plan);
        Assert.Equal("a", update.UserId);
        Assert.Equal<string>([mapped.Departments[3].OrganizationId], update.OrganizationIds!.Value);
        Assert.True(update.ChangesFields);
    }

    [Fact]
    public void Plan_WithAScope_DeletesAMemberInScopeThatTheSnapshotLacks_AndNoOther()
    {
        var mapped = Plans.FirstRun(Snapshot(Tree, [Member("a", 2), Member("b", 3)])).State;

        var plan = Plans.Plan(Snapshot([], []), mapped, scope: Scope(["b"], []));

        var delete = Plans.Single<AccountDelete>(plan);
        Assert.Equal("b", delete.UserId);
        Assert.Equal(mapped.Members["b"].AccountId, delete.AccountId);
    }

    [Fact]
    public void Plan_WithAScope_CreatesANewDepartmentUnderAMappedParentAtItsDepth()
    {
        var mapped = Plans.FirstRun(Snapshot(Tree, [])).State;

        var plan = Plans.Plan(Snapshot([Dept(4, 3, "New")], []), mapped, scope: Scope([], [4]));

        var create = Plans.Single<OrganizationCreate>(plan);
        Assert.Equal(mapped.Departments[3].OrganizationId, create.ParentOrganizationId);
        Assert.Equal(4, create.Depth);
        Assert.Equal(3, create.Result.ParentDepartmentId);
    }

    [Fact]
    public void Plan_WithAScope_DeletesADepartmentInScopeThatTheSnapshotLacks_AndNoOther()
    {
        var mapped = Plans.FirstRun(Snapshot(Tree, [])).State;

        var plan = Plans.Plan(Snapshot([], []), mapped, scope: Scope([], [3]));

        var delete = Plans.Single<OrganizationDelete>(plan);
        Assert.Equal(mapped.Departments[3].OrganizationId, delete.OrganizationId);
    }

    private static PlanScope Scope(string[] userIds, long[] departmentIds) =>
        new(new HashSet<string>(userIds, StringComparer.OrdinalIgnoreCase), new HashSet<long>(departmentIds));
}
