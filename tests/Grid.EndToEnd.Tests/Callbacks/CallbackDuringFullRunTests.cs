using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using AccountStatus = Grid.Contracts.V1.AccountStatus;

namespace Grid.EndToEnd.Tests.Callbacks;

/// <summary>
/// A change callback applied while a full run is between its fetch and its apply survives the run: the run's older
/// snapshot does not revert it (the newer observation wins), over real HTTP end to end.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class CallbackDuringFullRunTests(GridHostFixture host)
{
    [Fact]
    public async Task ChangeArrivingByCallback_DuringAFullRun_SurvivesTheRun_WhichSupersedesItsOlderStep()
    {
        var scenario = await CallbackScenario.StartAsync(host, members: 8, departments: 2);
        var member = scenario.Company.Members.First(m => m.Status == Grid.WeCom.Simulator.Model.MemberStatus.Active).UserId;
        var before = await scenario.LookupAsync(member);

        // The run has read every member (user/list per department, the old name among them) when it asks
        // user/list_id for its cross-check: held there, it is between its fetch and its apply.
        var hold = host.Simulator.Faults.Hold("user/list_id");
        SyncRun ended;
        Account? duringRun;
        try
        {
            var run = await scenario.StartSyncAsync();
            await hold.Entered.WaitAsync(CallbackScenario.Bound);
            scenario.Company.UpdateMember(member, m => m with { Name = "运行中改名" });
            duringRun = await Eventually.MatchAsync(
                () => scenario.LookupAsync(member), a => a?.DisplayName == "运行中改名", CallbackScenario.Bound,
                "the callback to rename the account while the run is held", a => a?.DisplayName ?? "(none)");
            hold.Release();
            ended = await scenario.WaitForRunAsync(run.RunId, SyncRunState.Succeeded);
        }
        finally
        {
            hold.Release();
            host.Simulator.Faults.Remove(hold);
        }

        var after = await scenario.LookupAsync(member);
        var events = await scenario.EventsAsync(WeComEventStatus.Applied);

        Assert.Equal(SyncRunState.Succeeded, ended.State);
        Assert.Equal(1, hold.Hits);
        Assert.Equal(before!.AccountId, duringRun!.AccountId);
        Assert.True(ended.Applied.Superseded >= 1, $"the run superseded {ended.Applied.Superseded} steps; its step for {member} was older than the callback");
        Assert.Equal("运行中改名", after!.DisplayName);
        Assert.Equal(AccountStatus.Active, after.Status);
        Assert.Contains(events, e => e.ChangeType == "update_user" && e.Userid == member);
    }
}
