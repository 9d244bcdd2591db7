using Grid.Abstractions.Connectors;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.Tests.Support;
using static Grid.Sync.Tests.Support.Source;

namespace Grid.Sync.Tests.Planning;

public sealed class SyncPlannerUserIdChangeTests
{
    private static readonly SourceDepartment[] Tree = [Dept(1, 0), Dept(2, 1)];

    private static SyncSettings Settings(UserIdChangeMode mode, params (string From, string To)[] changes) => Plans.Settings with
    {
        UserIdChangeMode = mode,
        KnownUserIdChanges = changes.ToDictionary(c => c.From, c => c.To),
    };

    [Fact]
    public void Plan_WhenAKnownUseridChangesInRebindMode_KeepsTheAccountAndChangesItsUserid()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("old", 1), Member("other", 1)]));
        var account = applier.State.Members["old"].AccountId;

        var plan = Plans.Plan(Snapshot(Tree, [Member("new", 2), Member("other", 1)]), applier.State, Settings(UserIdChangeMode.Rebind, ("old", "new")));

        var rebind = Plans.Single<AccountRebind>(plan);
        Assert.Equal(("account-rebind:new", "new", "old", account), (rebind.Id, rebind.UserId, rebind.PreviousUserId, rebind.AccountId));
        Assert.Equal("new", rebind.Fields["username"]);
        Assert.Equal<string>([applier.State.Departments[2].OrganizationId], rebind.OrganizationIds);
        Assert.Equal((1, 0, 0), (plan.Summary.AccountRebinds, plan.Summary.AccountCreates, plan.Summary.AccountDeletes));

        applier.Apply(plan);
        Assert.False(applier.State.Members.ContainsKey("old"));
        Assert.Equal(account, applier.State.Members["new"].AccountId);
        Assert.Equal(account, applier.Platform.AccountOf("new"));
    }

    [Fact]
    public void Plan_WhenAKnownUseridChangesInRecreateMode_DeletesTheOldAccountAndCreatesANewOneInOneStep()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("old", 1)]));
        var oldAccount = applier.State.Members["old"].AccountId;

        var plan = Plans.Plan(Snapshot(Tree, [Member("new", 1)]), applier.State, Settings(UserIdChangeMode.Recreate, ("old", "new")));

        var recreate = Plans.Single<AccountRecreate>(plan);
        Assert.Equal(("account-recreate:new", "old", oldAccount), (recreate.Id, recreate.PreviousUserId, recreate.PreviousAccountId));
        Assert.NotEqual(oldAccount, recreate.AccountId);
        Assert.Equal(SyncPhase.Accounts, recreate.Phase);
        Assert.Equal((1, 1, 1), (plan.Summary.AccountRecreates, plan.Summary.AccountCreates, plan.Summary.AccountDeletes));

        applier.Apply(plan);
        Assert.False(applier.Platform.Accounts.ContainsKey(oldAccount));
        Assert.Equal(recreate.AccountId, applier.State.Members["new"].AccountId);
        Assert.False(applier.State.Members.ContainsKey("old"));
    }

    [Fact]
    public void Plan_WhenAUseridChangeIsNotKnown_DeletesTheOldAccountAndCreatesANewOne()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("old", 1)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("new", 1)]), applier.State);

        Assert.Equal(["account-create:new", "account-delete:old"], plan.Steps.Select(s => s.Id));
    }

    [Fact]
    public void Plan_WhenUseridsChangedTwiceSinceTheLastRun_FollowsTheChain()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 1)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("c", 1)]), applier.State, Settings(UserIdChangeMode.Rebind, ("a", "b"), ("b", "c")));

        var rebind = Plans.Single<AccountRebind>(plan);
        Assert.Equal(("a", "c"), (rebind.PreviousUserId, rebind.UserId));
    }

    [Fact]
    public void Plan_WhenTheChangeWasAlreadyApplied_PlansNothing()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("new", 1)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("new", 1)]), applier.State, Settings(UserIdChangeMode.Rebind, ("old", "new")));

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Plan_WhenTheOldUseridIsStillPresent_IgnoresTheChange()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("old", 1)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("old", 1), Member("new", 1)]), applier.State, Settings(UserIdChangeMode.Rebind, ("old", "new")));

        Assert.Equal(["account-create:new"], plan.Steps.Select(s => s.Id));
    }

    [Fact]
    public void Plan_WhenTheRenamedMemberLeftAndLeftMembersAreDeleted_DeletesTheOldAccount()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("old", 1)]));
        var settings = Settings(UserIdChangeMode.Rebind, ("old", "new")) with { LeftMembers = LeftMemberAction.Delete };

        var plan = Plans.Plan(Snapshot(Tree, [Member("new", 1) with { Status = MemberStatus.Left }]), applier.State, settings);

        var delete = Plans.Single<AccountDelete>(plan);
        Assert.Equal(("old", AccountDeleteReason.Left), (delete.UserId, delete.Reason));
    }

    [Fact]
    public void Plan_WhenTwoOldUseridsLeadToOneNewUserid_CarriesTheFirstOverAndReportsTheOther()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 1), Member("b", 1)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("c", 1)]), applier.State, Settings(UserIdChangeMode.Rebind, ("a", "c"), ("b", "c")));

        Assert.Equal(["account-rebind:c", "account-delete:b"], plan.Steps.Select(s => s.Id));
        Assert.Equal("known userid changes lead here from both 'a' and 'b'; only 'a' keeps its account", Assert.Single(plan.Issues).Message);
    }
}
