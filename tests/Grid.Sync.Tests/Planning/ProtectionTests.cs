using Grid.Abstractions.Connectors;
using Grid.Sync.Planning;
using Grid.Sync.Sources;
using Grid.Sync.Tests.Support;
using static Grid.Sync.Tests.Support.Source;

namespace Grid.Sync.Tests.Planning;

public sealed class ProtectionTests
{
    private static readonly ProtectionPolicy Defaults = new();

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Evaluate_WhenAccountDeletesAreAtMostTheLimit_Allows(int deletes)
    {
        var verdict = Protection.Evaluate(new PlanSummary { AccountDeletes = deletes }, 1000, 100, Defaults);

        Assert.False(verdict.IsBlocked);
        Assert.Empty(verdict.Reasons);
    }

    [Fact]
    public void Evaluate_WhenAccountDeletesExceedTheLimit_BlocksAndSaysWhy()
    {
        var verdict = Protection.Evaluate(new PlanSummary { AccountDeletes = 31 }, 1000, 100, Defaults);

        Assert.True(verdict.IsBlocked);
        Assert.Equal<string>(["the plan deletes 31 accounts; the limit is 30"], verdict.Reasons);
    }

    [Fact]
    public void Evaluate_AtTheOrganizationLimit_AllowsAndOneOverBlocks()
    {
        Assert.False(Protection.Evaluate(new PlanSummary { OrganizationDeletes = 10 }, 1000, 100, Defaults).IsBlocked);

        var verdict = Protection.Evaluate(new PlanSummary { OrganizationDeletes = 11 }, 1000, 100, Defaults);

        Assert.Equal<string>(["the plan deletes 11 organizations; the limit is 10"], verdict.Reasons);
    }

    [Fact]
    public void Evaluate_WithALimitOfZero_BlocksASingleDelete()
    {
        var verdict = Protection.Evaluate(new PlanSummary { AccountDeletes = 1 }, 10, 10, new ProtectionPolicy(MaxAccountDeletes: 0));

        Assert.Equal<string>(["the plan deletes 1 account; the limit is 0"], verdict.Reasons);
    }

    [Fact]
    public void Evaluate_AtThePercentageLimit_AllowsAndOneOverBlocks()
    {
        var policy = new ProtectionPolicy(MaxAccountDeletes: 1000, MaxOrganizationDeletes: 1000, MaxDeletePercent: 10);
        Assert.False(Protection.Evaluate(new PlanSummary { AccountDeletes = 20, OrganizationDeletes = 5 }, 200, 50, policy).IsBlocked);

        var verdict = Protection.Evaluate(new PlanSummary { AccountDeletes = 21, OrganizationDeletes = 6 }, 200, 50, policy);

        Assert.Equal<string>(
            [
                "the plan deletes 10.5% of accounts (21 of 200); the limit is 10%",
                "the plan deletes 12% of organizations (6 of 50); the limit is 10%",
            ],
            verdict.Reasons);
    }

    [Fact]
    public void Evaluate_WhenSeveralThresholdsAreExceeded_ListsEach()
    {
        var verdict = Protection.Evaluate(new PlanSummary { AccountDeletes = 50, OrganizationDeletes = 20 }, 100, 40, Defaults with { MaxDeletePercent = 25.5 });

        Assert.Equal<string>(
            [
                "the plan deletes 50 accounts; the limit is 30",
                "the plan deletes 50% of accounts (50 of 100); the limit is 25.5%",
                "the plan deletes 20 organizations; the limit is 10",
                "the plan deletes 50% of organizations (20 of 40); the limit is 25.5%",
            ],
            verdict.Reasons);
    }

    [Fact]
    public void Evaluate_WhenNothingIsMapped_SkipsThePercentage()
    {
        Assert.False(Protection.Evaluate(new PlanSummary(), 0, 0, Defaults with { MaxDeletePercent = 0 }).IsBlocked);
    }

    [Fact]
    public void Evaluate_WithAnInvalidPolicy_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Protection.Evaluate(new PlanSummary(), 0, 0, new ProtectionPolicy(-1, 10, 101)));

        Assert.Contains("max_account_deletes: must be 0 or more, got -1", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_delete_percent: must be between 0 and 100, got 101", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LeftMemberAction.Delete, true)]
    [InlineData(LeftMemberAction.Disable, false)]
    public void Evaluate_WhenMembersLeave_CountsThemAsDeletesOnlyWhenLeftMembersAreDeleted(LeftMemberAction left, bool blocked)
    {
        var before = Enumerable.Range(1, 40).Select(i => Member($"u{i}", 1)).ToArray();
        var applier = Plans.FirstRun(Snapshot([Dept(1, 0)], before));
        var after = before.Select((m, i) => i < 31 ? m with { Status = MemberStatus.Left } : m);

        var plan = Plans.Plan(Snapshot([Dept(1, 0)], after), applier.State, Plans.Settings with { LeftMembers = left });
        var verdict = Protection.Evaluate(plan.Summary, applier.State.Members.Count, applier.State.Departments.Count, Defaults);

        Assert.Equal(blocked, verdict.IsBlocked);
        Assert.Equal(blocked ? 31 : 0, plan.Summary.AccountDeletes);
    }

    [Fact]
    public void Evaluate_WhenUseridChangesRecreateAccounts_CountsThemAsDeletes()
    {
        var before = Enumerable.Range(1, 31).Select(i => Member($"u{i}", 1)).ToArray();
        var applier = Plans.FirstRun(Snapshot([Dept(1, 0)], before));
        var settings = Plans.Settings with
        {
            UserIdChangeMode = UserIdChangeMode.Recreate,
            KnownUserIdChanges = before.ToDictionary(m => m.UserId, m => m.UserId + "-new"),
        };

        var after = Snapshot([Dept(1, 0)], before.Select(m => m with { UserId = m.UserId + "-new" }));

        var plan = Plans.Plan(after, applier.State, settings);

        Assert.Equal(31, plan.Summary.AccountRecreates);
        Assert.True(Protection.Evaluate(plan.Summary, 31, 1, Defaults).IsBlocked);
        var rebound = Plans.Plan(after, applier.State, settings with { UserIdChangeMode = UserIdChangeMode.Rebind });
        Assert.False(Protection.Evaluate(rebound.Summary, 31, 1, Defaults).IsBlocked);
    }
}
