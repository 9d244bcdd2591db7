using Grid.Abstractions.Connectors;
using Grid.Sync.Mapping;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.State;
using Grid.Sync.Tests.Support;
using static Grid.Sync.Tests.Support.Source;

namespace Grid.Sync.Tests.Planning;

public sealed class SyncPlannerGuardTests
{
    [Fact]
    public void Plan_ForAnIncompleteSnapshot_RefusesToPlan()
    {
        var applier = Plans.FirstRun(Snapshot([Dept(1, 0)], [Member("a", 1), Member("b", 1)]));

        var error = Assert.Throws<SyncPlanningException>(() => Plans.Plan(Snapshot([Dept(1, 0)], [Member("a", 1)], complete: false), applier.State));

        Assert.Contains("incomplete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenADepartmentIdRepeats_Refuses()
    {
        var error = Assert.Throws<SyncPlanningException>(() => Plans.Plan(Snapshot([Dept(1, 0), Dept(2, 1), Dept(2, 1)], [])));

        Assert.Equal("Department 2 appears twice in the snapshot.", error.Message);
    }

    [Fact]
    public void Plan_WhenAUseridRepeatsInAnyCase_Refuses()
    {
        var error = Assert.Throws<SyncPlanningException>(() => Plans.Plan(Snapshot([Dept(1, 0)], [Member("Zhang", 1), Member("zhang", 1)])));

        Assert.Equal("Userid 'zhang' appears twice in the snapshot (userids ignore case).", error.Message);
    }

    [Fact]
    public void Plan_WhenDepartmentsFormACycle_Refuses()
    {
        var error = Assert.Throws<SyncPlanningException>(() => Plans.Plan(Snapshot([Dept(1, 0), Dept(2, 3), Dept(3, 2)], [])));

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WithInvalidSettings_RefusesAndNamesEverySetting()
    {
        var settings = new SyncSettings
        {
            SyncNode = " ",
            Mappings = new FieldMappingSet([new("username", "lowr(userid)"), new("display_name", "name")], [new("name", "name")]),
            MatchRule = new MatchRule("nickname", "usrid"),
        };

        var error = Assert.Throws<InvalidSyncSettingsException>(() => Plans.Plan(Snapshot([], []), settings: settings));

        Assert.Equal(
            [
                "sync_node: required (the organization id WeCom's departments are mirrored under)",
                "mappings.username: unknown function 'lowr' at 1",
                "match_rule.member_field: unknown member field 'usrid' at 1",
            ],
            error.Errors);
    }

    [Fact]
    public void Plan_WhenTheIdGeneratorReturnsAnEmptyId_Refuses()
    {
        Assert.Throws<InvalidOperationException>(
            () => SyncPlanner.Plan(Snapshot([Dept(1, 0)], []), MappedState.Empty, Plans.Settings, new Dictionary<string, string>(), () => ""));
    }

    [Fact]
    public void Plan_NewIds_SayWhatTheyName_OrgForOrganizations_AccForAccounts()
    {
        var plan = SyncPlanner.Plan(
            Snapshot([Dept(1, 0)], [Member("zhangsan", 1)]), MappedState.Empty, Plans.Settings, new Dictionary<string, string>());

        var organization = plan.Steps.OfType<OrganizationCreate>().Single();
        var account = plan.Steps.OfType<AccountCreate>().Single();
        Assert.Matches("^org_[0-9a-f]{32}$", organization.OrganizationId);
        Assert.Matches("^acc_[0-9a-f]{32}$", account.AccountId);
    }
}
