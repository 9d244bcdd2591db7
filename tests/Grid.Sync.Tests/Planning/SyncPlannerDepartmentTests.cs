using Grid.Sync.Mapping;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Tests.Support;
using static Grid.Sync.Tests.Support.Source;

namespace Grid.Sync.Tests.Planning;

public sealed class SyncPlannerDepartmentTests
{
    [Fact]
    public void Plan_FirstRun_CreatesOrganizationsParentsFirstUnderTheSyncNode()
    {
        var snapshot = Snapshot([Dept(3, 2), Dept(1, 0, "Corp"), Dept(2, 1), Dept(4, 1)], []);

        var plan = Plans.Plan(snapshot);

        Assert.Equal([1, 2, 3], plan.Batches.Select(b => b.Depth));
        Assert.All(plan.Batches, b => Assert.Equal(SyncPhase.Organizations, b.Phase));
        Assert.Equal([[1L], [2L, 4L], [3L]], plan.Batches.Select(b => b.Steps.Cast<OrganizationCreate>().Select(s => s.DepartmentId).ToArray()));
        var creates = plan.Steps.Cast<OrganizationCreate>().ToDictionary(s => s.DepartmentId);
        Assert.Equal(Plans.SyncNode, creates[1].ParentOrganizationId);
        Assert.Equal(creates[1].OrganizationId, creates[2].ParentOrganizationId);
        Assert.Equal(creates[2].OrganizationId, creates[3].ParentOrganizationId);
        Assert.Equal("Corp", creates[1].Fields["name"]);
        Assert.Equal("1", creates[1].Fields["code"]);
        Assert.Null(creates[1].Result.ParentDepartmentId);
        Assert.Equal(2, creates[3].Result.ParentDepartmentId);
        Assert.Equal(4, plan.Summary.OrganizationCreates);
        Assert.Equal(4, plan.Summary.Steps);
        Assert.Empty(plan.Issues);
    }

    [Fact]
    public void Plan_WhenTheRootIsOutOfScope_MirrorsTheTopMostVisibleDepartmentsUnderTheSyncNode()
    {
        // The app sees departments 5 and 6 (under 5) and 9, but not their parents 2 and 3.
        var snapshot = Snapshot([Dept(5, 2), Dept(6, 5), Dept(9, 3)], []);

        var plan = Plans.Plan(snapshot);

        var creates = plan.Steps.Cast<OrganizationCreate>().ToDictionary(s => s.DepartmentId);
        Assert.Equal(Plans.SyncNode, creates[5].ParentOrganizationId);
        Assert.Equal(Plans.SyncNode, creates[9].ParentOrganizationId);
        Assert.Equal(creates[5].OrganizationId, creates[6].ParentOrganizationId);
        Assert.Equal(1, creates[5].Depth);
        Assert.Equal(2, creates[6].Depth);
    }

    [Fact]
    public void Plan_WhenNothingChanged_PlansNothing()
    {
        var snapshot = Snapshot([Dept(1, 0), Dept(2, 1), Dept(3, 2)], [Member("a", 2), Member("b", 2, 3)]);
        var applier = Plans.FirstRun(snapshot);

        var plan = Plans.Plan(snapshot, applier.State);

        Assert.True(plan.IsEmpty);
        Assert.Equal(0, plan.Summary.Steps);
    }

    [Fact]
    public void Plan_WhenADepartmentIsRenamed_UpdatesItsOrganizationFieldsOnly()
    {
        var applier = Plans.FirstRun(Snapshot([Dept(1, 0), Dept(2, 1, "Sales")], []));

        var plan = Plans.Plan(Snapshot([Dept(1, 0), Dept(2, 1, "Sales East")], []), applier.State);

        var update = Plans.Single<OrganizationUpdate>(plan);
        Assert.Equal("org-update:2", update.Id);
        Assert.Equal(applier.State.Departments[2].OrganizationId, update.OrganizationId);
        Assert.Equal("Sales East", update.Fields!["name"]);
        Assert.False(update.Moves);
        Assert.Equal("Sales East", update.Result.Name);
        Assert.Equal(1, plan.Summary.OrganizationUpdates);
        Assert.Equal(0, plan.Summary.OrganizationMoves);
    }

    [Fact]
    public void Plan_WhenADepartmentMovesUnderAnotherParent_MovesItsOrganization()
    {
        var before = Snapshot([Dept(1, 0), Dept(2, 1), Dept(3, 1), Dept(4, 2)], [Member("a", 4)]);
        var applier = Plans.FirstRun(before);
        var after = Snapshot([Dept(1, 0), Dept(2, 1), Dept(3, 1), Dept(4, 3)], [Member("a", 4)]);

        var plan = Plans.Plan(after, applier.State);

        var move = Plans.Single<OrganizationUpdate>(plan);
        Assert.Equal(applier.State.Departments[3].OrganizationId, move.ParentOrganizationId);
        Assert.Null(move.Fields);
        Assert.Equal(3, move.Result.ParentDepartmentId);
        Assert.Equal(1, plan.Summary.OrganizationMoves);
        Assert.Equal(0, plan.Summary.OrganizationUpdates);
        applier.Apply(plan);
        Assert.Equal(applier.State.Departments[3].OrganizationId, applier.Platform.Organizations[move.OrganizationId].ParentId);
    }

    [Fact]
    public void Plan_WhenADepartmentMovesUnderOneCreatedInTheSameRun_CreatesTheParentFirst()
    {
        var applier = Plans.FirstRun(Snapshot([Dept(1, 0), Dept(2, 1)], []));
        var after = Snapshot([Dept(1, 0), Dept(7, 1), Dept(2, 7)], []);

        var plan = Plans.Plan(after, applier.State);

        var create = Assert.IsType<OrganizationCreate>(Assert.Single(plan.Batches[0].Steps));
        var move = Assert.IsType<OrganizationUpdate>(Assert.Single(plan.Batches[1].Steps));
        Assert.Equal(create.OrganizationId, move.ParentOrganizationId);
        applier.Apply(plan);
        Assert.True(Plans.Plan(after, applier.State).IsEmpty);
    }

    [Fact]
    public void Plan_WhenAParentAndItsChildSwapPlaces_OrdersTheMovesSoThatNoCycleForms()
    {
        var applier = Plans.FirstRun(Snapshot([Dept(1, 0), Dept(2, 1), Dept(3, 2)], []));
        var after = Snapshot([Dept(1, 0), Dept(3, 1), Dept(2, 3)], []);

        var plan = Plans.Plan(after, applier.State);

        Assert.Equal([3L, 2L], plan.Steps.Cast<OrganizationUpdate>().Select(s => s.DepartmentId));
        applier.Apply(plan);
        var organizations = applier.Platform.Organizations;
        Assert.Equal(applier.State.Departments[3].OrganizationId, organizations[applier.State.Departments[2].OrganizationId].ParentId);
    }

    [Fact]
    public void Plan_WhenDepartmentsAreDeleted_DeletesTheirOrganizationsDeepestFirstAfterEverythingElse()
    {
        var applier = Plans.FirstRun(Snapshot([Dept(1, 0), Dept(2, 1), Dept(3, 2), Dept(4, 3)], [Member("a", 1)]));
        var after = Snapshot([Dept(1, 0)], [Member("a", 1), Member("b", 1)]);

        var plan = Plans.Plan(after, applier.State);

        Assert.Equal(
            [(SyncPhase.Accounts, 0), (SyncPhase.OrganizationDeletes, 4), (SyncPhase.OrganizationDeletes, 3), (SyncPhase.OrganizationDeletes, 2)],
            plan.Batches.Select(b => (b.Phase, b.Depth)));
        Assert.Equal([4L, 3L, 2L], plan.Steps.OfType<OrganizationDelete>().Select(s => s.DepartmentId));
        Assert.Equal("org-delete:4", plan.Steps.OfType<OrganizationDelete>().First().Id);
        Assert.Equal(3, plan.Summary.OrganizationDeletes);
        applier.Apply(plan);
        Assert.Equal(2, applier.Platform.Organizations.Count);
    }

    [Fact]
    public void Plan_WhenADeletedDepartmentsMembersMovedElsewhere_MovesThemBeforeDeletingIt()
    {
        var applier = Plans.FirstRun(Snapshot([Dept(1, 0), Dept(2, 1), Dept(3, 1)], [Member("a", 2), Member("b", 2, 3)]));
        var after = Snapshot([Dept(1, 0), Dept(3, 1)], [Member("a", 3), Member("b", 3)]);

        var plan = Plans.Plan(after, applier.State);

        var organization3 = applier.State.Departments[3].OrganizationId;
        var moves = plan.Batches.Single(b => b.Phase == SyncPhase.Accounts).Steps.Cast<AccountUpdate>().ToArray();
        Assert.Equal(["a", "b"], moves.Select(m => m.UserId));
        Assert.All(moves, m => Assert.Equal<string>([organization3], m.OrganizationIds!.Value));
        Assert.All(moves, m => Assert.Null(m.Fields));
        Assert.IsType<OrganizationDelete>(Assert.Single(plan.Batches[^1].Steps));
        Assert.Equal(SyncPhase.OrganizationDeletes, plan.Batches[^1].Phase);
        Assert.Equal(2, plan.Summary.AccountMoves);
        applier.Apply(plan);
        Assert.True(Plans.Plan(after, applier.State).IsEmpty);
    }

    [Fact]
    public void Plan_WhenTheVisibleScopeShrinks_DeletesWhatLeftItAndLiftsWhatRemainsToTheSyncNode()
    {
        var before = Snapshot([Dept(1, 0), Dept(2, 1), Dept(3, 2), Dept(4, 1)], [Member("a", 2), Member("b", 3), Member("c", 4)]);
        var applier = Plans.FirstRun(before);
        // The app now sees only department 3 (and its member b): 1, 2 and 4 and their members fall out of scope.
        var after = Snapshot([Dept(3, 2)], [Member("b", 3)]);

        var plan = Plans.Plan(after, applier.State);

        var lift = Assert.IsType<OrganizationUpdate>(Assert.Single(plan.Batches[0].Steps));
        Assert.Equal(Plans.SyncNode, lift.ParentOrganizationId);
        Assert.Null(lift.Result.ParentDepartmentId);
        Assert.Equal(["a", "c"], plan.Steps.OfType<AccountDelete>().Select(d => d.UserId));
        Assert.All(plan.Steps.OfType<AccountDelete>(), d => Assert.Equal(AccountDeleteReason.Vanished, d.Reason));
        Assert.Equal([2L, 4L, 1L], plan.Steps.OfType<OrganizationDelete>().Select(d => d.DepartmentId));
        Assert.Equal(2, plan.Summary.AccountDeletes);
        Assert.Equal(3, plan.Summary.OrganizationDeletes);
        applier.Apply(plan);
        Assert.True(Plans.Plan(after, applier.State).IsEmpty);
    }

    [Fact]
    public void Plan_WhenOnlyTheOrderChanged_RefreshesTheDepartmentWithoutAPlatformWrite()
    {
        var applier = Plans.FirstRun(Snapshot([Dept(1, 0), Dept(2, 1, order: 10)], []));

        var plan = Plans.Plan(Snapshot([Dept(1, 0), Dept(2, 1, order: 20)], []), applier.State);

        var refresh = Plans.Single<DepartmentRefresh>(plan);
        Assert.Equal("dept-refresh:2", refresh.Id);
        Assert.NotEqual(applier.State.Departments[2].SourceHash, refresh.Result.SourceHash);
        Assert.Equal(applier.State.Departments[2].FieldsHash, refresh.Result.FieldsHash);
        Assert.Equal(1, plan.Summary.DepartmentRefreshes);
    }

    [Fact]
    public void Plan_WhenTheSyncNodeChanges_MovesTheTopMostOrganizationsAndTheMembersInIt()
    {
        var snapshot = Snapshot([Dept(1, 0), Dept(2, 1)], [Member("a", 2), Member("nowhere", 99)]);
        var applier = Plans.FirstRun(snapshot);
        applier.Platform.Organizations["other-node"] = new FakePlatform.Organization(null, new Dictionary<string, string>());

        var plan = Plans.Plan(snapshot, applier.State, Plans.Settings with { SyncNode = "other-node" });

        var move = Assert.IsType<OrganizationUpdate>(Assert.Single(plan.Batches[0].Steps));
        Assert.Equal(1, move.DepartmentId);
        Assert.Equal("other-node", move.ParentOrganizationId);
        var memberMove = Assert.IsType<AccountUpdate>(Assert.Single(plan.Batches[1].Steps));
        Assert.Equal("nowhere", memberMove.UserId);
        Assert.Equal<string>(["other-node"], memberMove.OrganizationIds!.Value);
    }

    [Fact]
    public void Plan_WhenTheMappingGivesNoOrganizationName_UsesTheDepartmentIdAndReportsIt()
    {
        var settings = Plans.Settings with
        {
            Mappings = new FieldMappingSet(FieldMappingSet.Default.Accounts, [new("name", "name_en")]),
        };

        var plan = Plans.Plan(Snapshot([Dept(1, 0) with { NameEn = "Corp" }, Dept(2, 1)], []), settings: settings);

        var creates = plan.Steps.Cast<OrganizationCreate>().ToDictionary(s => s.DepartmentId);
        Assert.Equal("Corp", creates[1].Fields["name"]);
        Assert.Equal("2", creates[2].Fields["name"]);
        var issue = Assert.Single(plan.Issues);
        Assert.Equal("department 2", issue.Subject);
        Assert.Contains("no organization name", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenTheOrganizationMappingChanges_UpdatesEveryOrganization()
    {
        var snapshot = Snapshot([Dept(1, 0), Dept(2, 1)], []);
        var applier = Plans.FirstRun(snapshot);
        var settings = Plans.Settings with
        {
            Mappings = new FieldMappingSet(FieldMappingSet.Default.Accounts, [new("name", "upper(name)"), new("code", "id")]),
        };

        var plan = Plans.Plan(snapshot, applier.State, settings);

        Assert.Equal(2, plan.Summary.OrganizationUpdates);
        Assert.Equal("DEPT 2", plan.Steps.OfType<OrganizationUpdate>().Single(s => s.DepartmentId == 2).Fields!["name"]);
    }
}
