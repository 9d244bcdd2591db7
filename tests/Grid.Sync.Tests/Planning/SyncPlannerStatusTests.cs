using Grid.Abstractions.Directory;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.Tests.Support;
using static Grid.Sync.Tests.Support.Source;

namespace Grid.Sync.Tests.Planning;

public sealed class SyncPlannerStatusTests
{
    private static readonly SourceDepartment[] Tree = [Dept(1, 0)];

    [Theory]
    [InlineData(MemberStatus.Active, LeftMemberAction.Disable, AccountStatus.Active)]
    [InlineData(MemberStatus.Disabled, LeftMemberAction.Disable, AccountStatus.Disabled)]
    [InlineData(MemberStatus.NotActivated, LeftMemberAction.Disable, AccountStatus.NotActivated)]
    [InlineData(MemberStatus.Left, LeftMemberAction.Disable, AccountStatus.Disabled)]
    [InlineData(MemberStatus.Active, LeftMemberAction.Delete, AccountStatus.Active)]
    [InlineData(MemberStatus.NotActivated, LeftMemberAction.Delete, AccountStatus.NotActivated)]
    public void Plan_ForANewMember_CreatesTheAccountWithTheMappedStatus(MemberStatus status, LeftMemberAction left, AccountStatus expected)
    {
        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 1) with { Status = status }]), settings: Plans.Settings with { LeftMembers = left });

        Assert.Equal(expected, plan.Steps.OfType<AccountCreate>().Single().Status);
    }

    [Fact]
    public void Plan_ForANewMemberWhoLeft_WhenLeftMembersAreDeleted_CreatesNothing()
    {
        var settings = Plans.Settings with { LeftMembers = LeftMemberAction.Delete };

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 1) with { Status = MemberStatus.Left }]), settings: settings);

        Assert.Empty(plan.Steps.OfType<MemberStep>());
        Assert.Empty(plan.Issues);
    }

    [Theory]
    [InlineData(MemberStatus.Active, MemberStatus.Disabled, AccountStatus.Disabled)]
    [InlineData(MemberStatus.Active, MemberStatus.NotActivated, AccountStatus.NotActivated)]
    [InlineData(MemberStatus.Active, MemberStatus.Left, AccountStatus.Disabled)]
    [InlineData(MemberStatus.Disabled, MemberStatus.Active, AccountStatus.Active)]
    [InlineData(MemberStatus.NotActivated, MemberStatus.Active, AccountStatus.Active)]
    [InlineData(MemberStatus.Left, MemberStatus.Active, AccountStatus.Active)]
    public void Plan_WhenTheStatusChanges_ChangesTheAccountStatus(MemberStatus from, MemberStatus to, AccountStatus expected)
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 1) with { Status = from }]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 1) with { Status = to }]), applier.State);

        var update = Plans.Single<AccountUpdate>(plan);
        Assert.Equal(expected, update.Status);
        Assert.Null(update.Fields);
        Assert.False(update.Moves);
        Assert.Equal(1, plan.Summary.AccountStatusChanges);
        Assert.Equal(0, plan.Summary.AccountDeletes);
    }

    [Fact]
    public void Plan_WhenADisabledMemberLeavesAndLeftMembersAreDisabled_PlansNoStatusChange()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 1) with { Status = MemberStatus.Disabled }]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 1) with { Status = MemberStatus.Left }]), applier.State);

        Assert.Equal(0, plan.Summary.AccountStatusChanges);
        Assert.IsType<MemberRefresh>(Assert.Single(plan.Steps));
    }

    [Fact]
    public void Plan_WhenAMemberLeavesAndLeftMembersAreDeleted_DeletesTheAccountAsADelete()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 1), Member("b", 1)]));
        var settings = Plans.Settings with { LeftMembers = LeftMemberAction.Delete };

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 1) with { Status = MemberStatus.Left }, Member("b", 1)]), applier.State, settings);

        var delete = Plans.Single<AccountDelete>(plan);
        Assert.Equal(AccountDeleteReason.Left, delete.Reason);
        Assert.Equal(applier.State.Members["a"].AccountId, delete.AccountId);
        Assert.Equal(SyncPhase.AccountDeletes, delete.Phase);
        Assert.Equal(1, plan.Summary.AccountDeletes);
        Assert.Equal(0, plan.Summary.AccountStatusChanges);
    }

    [Fact]
    public void Plan_ForAnUnknownStatus_LeavesTheMemberAsItWasAndReportsIt()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 1)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 1) with { Status = (MemberStatus)3, Name = "changed" }]), applier.State);

        Assert.Empty(plan.Steps);
        var issue = Assert.Single(plan.Issues);
        Assert.Equal("member a", issue.Subject);
        Assert.Equal("unknown WeCom status 3; the member is left as it was", issue.Message);
    }
}
