using Grid.Abstractions.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Tests.Support;
using static Grid.Sync.Tests.Support.Source;

namespace Grid.Sync.Tests.Planning;

public sealed class SyncPlannerMemberTests
{
    private static readonly Grid.Sync.Sources.SourceDepartment[] Tree = [Dept(1, 0), Dept(2, 1), Dept(3, 1)];

    [Fact]
    public void Plan_ForANewMember_CreatesAnAccountWithTheMappedFieldsInItsDepartmentsOrganization()
    {
        var member = Member("zhangsan", 2) with
        {
            Name = "张三",
            Alias = "Jack",
            BizMail = "zhangsan@corp.example",
            Mobile = "13800000000",
            Telephone = "020-123456",
            Position = "后台工程师",
        };

        var plan = Plans.Plan(Snapshot(Tree, [member]));

        var create = Assert.IsType<AccountCreate>(Assert.Single(plan.Batches.Single(b => b.Phase == SyncPhase.Accounts).Steps));
        var organization2 = plan.Steps.OfType<OrganizationCreate>().Single(s => s.DepartmentId == 2).OrganizationId;
        Assert.Equal("account-create:zhangsan", create.Id);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["display_name"] = "张三",
                ["email"] = "zhangsan@corp.example",
                ["job_title"] = "后台工程师",
                ["mobile"] = "13800000000",
                ["nickname"] = "Jack",
                ["phone"] = "020-123456",
                ["username"] = "zhangsan",
            },
            create.Fields.ToDictionary());
        Assert.Equal<string>([organization2], create.OrganizationIds);
        Assert.Equal(AccountStatus.Active, create.Status);
        Assert.Equal(create.AccountId, create.Result.AccountId);
        Assert.Equal(1, plan.Summary.AccountCreates);
    }

    [Fact]
    public void Plan_ForAMemberInSeveralDepartments_PutsTheAccountInEachVisibleOneOnce()
    {
        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 3, 2, 3, 42)]));

        var organizations = plan.Steps.OfType<OrganizationCreate>().ToDictionary(s => s.DepartmentId, s => s.OrganizationId);
        var create = plan.Steps.OfType<AccountCreate>().Single();
        Assert.Equal(new[] { organizations[2], organizations[3] }.Order(StringComparer.Ordinal), create.OrganizationIds);
    }

    [Fact]
    public void Plan_ForAMemberWithNoVisibleDepartment_PutsTheAccountInTheSyncNode()
    {
        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 42)]));

        Assert.Equal<string>([Plans.SyncNode], plan.Steps.OfType<AccountCreate>().Single().OrganizationIds);
    }

    [Fact]
    public void Plan_WhenMappedFieldsChange_UpdatesTheFieldsOnly()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 2), Member("b", 2)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 2) with { Name = "Renamed" }, Member("b", 2)]), applier.State);

        var update = Plans.Single<AccountUpdate>(plan);
        Assert.Equal("account-update:a", update.Id);
        Assert.Equal(applier.State.Members["a"].AccountId, update.AccountId);
        Assert.Equal("Renamed", update.Fields!["display_name"]);
        Assert.False(update.Moves);
        Assert.False(update.ChangesStatus);
        Assert.Equal(1, plan.Summary.AccountUpdates);
        Assert.Equal(0, plan.Summary.AccountMoves);
        applier.Apply(plan);
        Assert.Equal("Renamed", applier.Platform.Accounts[update.AccountId].Fields["display_name"]);
    }

    [Fact]
    public void Plan_WhenDepartmentMembershipChanges_MovesTheAccountOnly()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 2)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 2) with { Departments = [2, 3] }]), applier.State);

        var move = Plans.Single<AccountUpdate>(plan);
        Assert.Null(move.Fields);
        Assert.Null(move.Status);
        Assert.Equal(
            new[] { applier.State.Departments[2].OrganizationId, applier.State.Departments[3].OrganizationId }.Order(StringComparer.Ordinal),
            move.OrganizationIds!.Value);
        Assert.Equal(1, plan.Summary.AccountMoves);
    }

    [Fact]
    public void Plan_WhenFieldsDepartmentsAndStatusAllChange_PlansOneStepThatCountsAsEach()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 2)]));
        var changed = Member("a", 3) with { Name = "New", Status = Grid.Sync.Sources.MemberStatus.Disabled };

        var plan = Plans.Plan(Snapshot(Tree, [changed]), applier.State);

        var update = Plans.Single<AccountUpdate>(plan);
        Assert.True(update.ChangesFields && update.Moves && update.ChangesStatus);
        Assert.Equal((1, 1, 1, 1), (plan.Summary.AccountUpdates, plan.Summary.AccountMoves, plan.Summary.AccountStatusChanges, plan.Summary.Steps));
    }

    [Fact]
    public void Plan_WhenAMemberIsGone_DeletesTheAccountAfterTheOtherAccountSteps()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 2), Member("b", 2)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("b", 2), Member("c", 3)]), applier.State);

        Assert.Equal([SyncPhase.Accounts, SyncPhase.AccountDeletes], plan.Batches.Select(b => b.Phase));
        var delete = Assert.IsType<AccountDelete>(Assert.Single(plan.Batches[1].Steps));
        Assert.Equal("account-delete:a", delete.Id);
        Assert.Equal(applier.State.Members["a"].AccountId, delete.AccountId);
        Assert.Equal(AccountDeleteReason.Vanished, delete.Reason);
        Assert.Null(delete.Result);
        Assert.Equal((1, 1), (plan.Summary.AccountCreates, plan.Summary.AccountDeletes));
    }

    [Fact]
    public void Plan_WhenOnlyUnmappedFieldsChange_RefreshesTheMemberWithoutAnAccountWrite()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 2)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 2) with { DirectLeaders = ["boss"] }]), applier.State);

        var refresh = Plans.Single<MemberRefresh>(plan);
        Assert.Equal("member-refresh:a", refresh.Id);
        Assert.Equal(applier.State.Members["a"].FieldsHash, refresh.Result.FieldsHash);
        Assert.NotEqual(applier.State.Members["a"].SourceHash, refresh.Result.SourceHash);
        Assert.Equal(1, plan.Summary.MemberRefreshes);
        applier.Apply(plan);
        Assert.True(Plans.Plan(Snapshot(Tree, [Member("a", 2) with { DirectLeaders = ["boss"] }]), applier.State).IsEmpty);
    }

    [Fact]
    public void Plan_WhenTheAccountMappingChanges_UpdatesEveryAccountThoughNoMemberChanged()
    {
        var snapshot = Snapshot(Tree, [Member("a", 2), Member("b", 3)]);
        var applier = Plans.FirstRun(snapshot);
        var settings = Plans.Settings with
        {
            Mappings = new FieldMappingSet(
                [.. FieldMappingSet.Default.Accounts.Where(m => m.Target != "email"), new("email", "lower(userid) + \"@corp.example\"")],
                FieldMappingSet.Default.Organizations),
        };

        var plan = Plans.Plan(snapshot, applier.State, settings);

        Assert.Equal(2, plan.Summary.AccountUpdates);
        Assert.Equal(["a@corp.example", "b@corp.example"], plan.Steps.Cast<AccountUpdate>().Select(u => u.Fields!["email"]));
    }

    [Fact]
    public void Plan_WhenTheMappingListIsOnlyReordered_PlansNothing()
    {
        var snapshot = Snapshot(Tree, [Member("a", 2)]);
        var applier = Plans.FirstRun(snapshot);
        var settings = Plans.Settings with
        {
            Mappings = new FieldMappingSet([.. FieldMappingSet.Default.Accounts.Reverse()], [.. FieldMappingSet.Default.Organizations.Reverse()]),
        };

        Assert.True(Plans.Plan(snapshot, applier.State, settings).IsEmpty);
    }

    [Fact]
    public void Plan_WhenTheMappingGivesNoUsername_LeavesTheMemberAsItWasAndReportsIt()
    {
        var settings = Plans.Settings with
        {
            Mappings = new FieldMappingSet(
                [new("username", "mobile"), new("display_name", "name")], FieldMappingSet.Default.Organizations),
        };
        var withMobile = Member("a", 2) with { Mobile = "13800000000" };

        var plan = Plans.Plan(Snapshot(Tree, [withMobile, Member("b", 2)]), settings: settings);

        Assert.Equal(["a"], plan.Steps.OfType<AccountCreate>().Select(c => c.UserId));
        var issue = Assert.Single(plan.Issues);
        Assert.Equal("member b", issue.Subject);
        Assert.Equal("the mapping gives no username; the member is left as it was", issue.Message);
        Assert.Equal(1, plan.Summary.Issues);
    }

    [Fact]
    public void Plan_WhenAUseridOnlyChangesCase_KeepsTheAccount()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("ZhangSan", 2)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("ZhangSan", 2) with { UserId = "zhangsan" }]), applier.State);

        var update = Plans.Single<AccountUpdate>(plan);
        Assert.Equal("zhangsan", update.UserId);
        Assert.Equal(applier.State.Members["ZhangSan"].AccountId, update.AccountId);
        Assert.Equal("zhangsan", update.Fields!["username"]);
        Assert.Equal(0, plan.Summary.AccountDeletes);
    }

    [Fact]
    public void Plan_WithFixedIds_IsDeterministicAndGivesEveryStepAUniqueId()
    {
        var snapshot = Snapshot([Dept(3, 1), Dept(1, 0), Dept(2, 1)], [Member("c", 3), Member("a", 2), Member("b", 2, 3)]);

        var first = Plans.Plan(snapshot);
        var second = Plans.Plan(snapshot with { Departments = [.. snapshot.Departments.Reverse()], Members = [.. snapshot.Members.Reverse()] });

        Assert.Equal(first.Steps.Select(s => s.Id), second.Steps.Select(s => s.Id));
        Assert.Equal(
            first.Steps.OfType<AccountCreate>().Select(c => (c.UserId, c.AccountId)),
            second.Steps.OfType<AccountCreate>().Select(c => (c.UserId, c.AccountId)));
        Assert.Equal(first.Summary.Steps, first.Steps.Select(s => s.Id).Distinct().Count());
    }
}
