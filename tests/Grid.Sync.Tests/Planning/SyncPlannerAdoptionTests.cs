using Grid.Abstractions.Connectors;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.Tests.Support;
using static Grid.Sync.Tests.Support.Source;

namespace Grid.Sync.Tests.Planning;

public sealed class SyncPlannerAdoptionTests
{
    private static readonly SourceDepartment[] Tree = [Dept(1, 0)];

    [Fact]
    public void Plan_WhenANewMemberMatchesAnUnlinkedAccount_AdoptsItInsteadOfCreatingOne()
    {
        var candidates = new Dictionary<string, string> { ["zhangsan"] = "existing-7" };

        var plan = Plans.Plan(Snapshot(Tree, [Member("zhangsan", 1), Member("lisi", 1)]), candidates: candidates);

        var adopt = plan.Steps.OfType<AccountAdopt>().Single();
        Assert.Equal(("account-adopt:zhangsan", "existing-7", "zhangsan"), (adopt.Id, adopt.AccountId, adopt.MatchValue));
        Assert.Equal("existing-7", adopt.Result.AccountId);
        Assert.Equal("zhangsan", adopt.Fields["username"]);
        Assert.Equal(["lisi"], plan.Steps.OfType<AccountCreate>().Select(c => c.UserId));
        Assert.Equal((1, 1), (plan.Summary.AccountAdoptions, plan.Summary.AccountCreates));

        var applier = new TestApplier(Plans.SyncNode);
        applier.Platform.AddUnlinkedAccount("existing-7", "zhangsan");
        applier.Apply(plan);
        Assert.Equal("existing-7", applier.Platform.AccountOf("zhangsan"));
        Assert.Equal("existing-7", applier.State.Members["zhangsan"].AccountId);
    }

    [Fact]
    public void Plan_WithAMatchRuleOnANormalisedExpression_MatchesByItsValue()
    {
        var settings = Plans.Settings with { MatchRule = new MatchRule("email", "lower(email)") };
        var candidates = new Dictionary<string, string> { ["zhang.san@corp.example"] = "existing-1" };

        var plan = Plans.Plan(Snapshot(Tree, [Member("zs", 1) with { Email = "Zhang.San@Corp.Example" }]), settings: settings, candidates: candidates);

        Assert.Equal("existing-1", plan.Steps.OfType<AccountAdopt>().Single().AccountId);
    }

    [Fact]
    public void Plan_WithACaseInsensitiveCandidateDictionary_MatchesWithoutRegardToCase()
    {
        var candidates = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["ZHANGSAN"] = "existing-1" };

        var plan = Plans.Plan(Snapshot(Tree, [Member("zhangsan", 1)]), candidates: candidates);

        Assert.Equal(1, plan.Summary.AccountAdoptions);
    }

    [Fact]
    public void Plan_WhenTwoMembersMatchTheSameAccount_AdoptsNeitherAndReportsBoth()
    {
        var settings = Plans.Settings with { MatchRule = new MatchRule("email", "email") };
        var candidates = new Dictionary<string, string> { ["shared@corp.example"] = "existing-1" };
        var members = new[] { Member("a", 1) with { Email = "shared@corp.example" }, Member("b", 1) with { Email = "shared@corp.example" }, Member("c", 1) };

        var plan = Plans.Plan(Snapshot(Tree, members), settings: settings, candidates: candidates);

        Assert.Equal(["c"], plan.Steps.OfType<MemberStep>().Select(s => s.UserId));
        Assert.Equal(["member a", "member b"], plan.Issues.Select(i => i.Subject));
        Assert.All(plan.Issues, i => Assert.Equal("members a, b all match account existing-1; none is planned until the match is unambiguous", i.Message));
    }

    [Fact]
    public void Plan_WhenTheCandidateIsAlreadyLinkedToAnotherMember_LeavesTheNewMemberAsItWas()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("a", 1)]));
        var linked = applier.State.Members["a"].AccountId;

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 1), Member("b", 1)]), applier.State, candidates: new Dictionary<string, string> { ["b"] = linked });

        Assert.Empty(plan.Steps);
        Assert.Equal($"matches account {linked}, which is already linked to another member; the member is left as it was", Assert.Single(plan.Issues).Message);
    }

    [Fact]
    public void Plan_WithoutAMatchRule_CreatesEvenWhenACandidateMatches()
    {
        var plan = Plans.Plan(
            Snapshot(Tree, [Member("zhangsan", 1)]),
            settings: Plans.Settings with { MatchRule = null },
            candidates: new Dictionary<string, string> { ["zhangsan"] = "existing-7" });

        Assert.Equal(1, plan.Summary.AccountCreates);
        Assert.Equal(0, plan.Summary.AccountAdoptions);
    }

    [Fact]
    public void Plan_ForAnAlreadyMappedMember_NeverAdopts()
    {
        var applier = Plans.FirstRun(Snapshot(Tree, [Member("zhangsan", 1)]));

        var plan = Plans.Plan(Snapshot(Tree, [Member("zhangsan", 1)]), applier.State, candidates: new Dictionary<string, string> { ["zhangsan"] = "existing-7" });

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Plan_ForANewMemberWithAnEmptyMatchValue_Creates()
    {
        var settings = Plans.Settings with { MatchRule = new MatchRule("mobile", "mobile") };

        var plan = Plans.Plan(Snapshot(Tree, [Member("a", 1)]), settings: settings, candidates: new Dictionary<string, string> { [""] = "existing-1" });

        Assert.Equal(1, plan.Summary.AccountCreates);
    }
}
