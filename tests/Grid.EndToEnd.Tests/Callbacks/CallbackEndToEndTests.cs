using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Model;
using AccountStatus = Grid.Contracts.V1.AccountStatus;

namespace Grid.EndToEnd.Tests.Callbacks;

/// <summary>
/// WeCom (the simulator) changes a member; its encrypted callback reaches the host's receiver over HTTP; the inbox
/// applies it through the real applier; the account changes in Directory and on the change stream.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class CallbackEndToEndTests(GridHostFixture host)
{
    private static readonly TimeSpan Bound = CallbackScenario.Bound;

    [Fact]
    public async Task SimulatorMutations_ArriveByCallback_AndChangeTheAccounts_InDirectoryAndOnTheChangeStream()
    {
        var scenario = await CallbackScenario.StartAsync(host, members: 6, departments: 2);
        var company = scenario.Company;
        var feedStart = await scenario.FeedPositionAsync();
        var renamed = company.Members[0].UserId;
        var leaving = company.Members[1].UserId;
        var renamedAccount = await scenario.LookupAsync(renamed);

        company.UpdateMember(renamed, m => m with { Name = "回调改名" });
        company.AddMember(new SimulatedMember { UserId = "callback-newcomer", Name = "回调新人", Departments = [company.Departments[0].Id] });
        company.DeleteMember(leaving);

        var updated = await Eventually.MatchAsync(
            () => scenario.LookupAsync(renamed), a => a?.DisplayName == "回调改名", Bound,
            "the renamed member's account to show the new name", a => a?.DisplayName ?? "(none)");
        var created = await Eventually.MatchAsync(
            () => scenario.LookupAsync("callback-newcomer"), a => a is not null, Bound, "the new member's account", _ => "(none)");
        var left = await Eventually.MatchAsync(
            () => scenario.LookupAsync(leaving), a => a is null || a.Status != AccountStatus.Active, Bound,
            "the deleted member's account to be gone or inactive", a => a?.Status.ToString() ?? "(none)");
        var events = await scenario.EventsAsync();
        var streamed = await scenario.WatchUntilAsync(feedStart, [updated!.AccountId], change => change.Account?.DisplayName == "回调改名");

        Assert.Equal(renamedAccount!.AccountId, updated.AccountId);
        Assert.Equal("回调新人", created!.DisplayName);
        Assert.True(left is null || left.Status != AccountStatus.Active);
        Assert.Contains(events, e => e.ChangeType == "update_user" && e.Userid == renamed && e.Status == WeComEventStatus.Applied);
        Assert.Contains(events, e => e.ChangeType == "create_user" && e.Userid == "callback-newcomer" && e.Status == WeComEventStatus.Applied);
        Assert.Contains(events, e => e.ChangeType == "delete_user" && e.Userid == leaving);
        Assert.Equal("回调改名", streamed[updated.AccountId].Account.DisplayName);
    }
}
