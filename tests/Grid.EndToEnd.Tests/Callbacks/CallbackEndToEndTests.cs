using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Model;
using Grpc.Core;
using AccountStatus = Grid.Contracts.V1.AccountStatus;

namespace Grid.EndToEnd.Tests.Callbacks;

/// <summary>
/// WeCom (the simulator) changes a member; its encrypted callback reaches the host's receiver over HTTP; the inbox
/// applies it through the real applier; the account changes in Directory and on the change stream.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class CallbackEndToEndTests(GridHostFixture host)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SimulatorMutations_ArriveByCallback_AndChangeTheAccounts_InDirectoryAndOnTheChangeStream()
    {
        // A company of its own: its callbacks must reach this test's connector only.
        var company = CompanyGenerator.Generate(seed: Random.Shared.Next(1000, int.MaxValue), members: 6, departments: 2);
        host.Simulator.Simulator.AddCompany(company);
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        var configure = ConnectorSamples.ForCompany(company, tenantId, "main", $"127.0.{Random.Shared.Next(10, 250)}.{Random.Shared.Next(1, 250)}");
        var connector = (await host.AdminClient().ConfigureWeComAsync(configure, auth)).Connector;
        var run = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        await Eventually.MatchAsync(
            async () => (await host.AdminClient().GetSyncRunAsync(new GetSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = run.Run.RunId }, auth)).Run,
            r => r.State == SyncRunState.Succeeded, Bound, "the first full run to succeed", r => $"{r.State}: {r.Message}");
        await host.Simulator.Simulator.ConfigureCallbackAsync(company, company.DefaultApp.AgentId, new SimulatedCallbackSettings
        {
            Url = new Uri(connector.CallbackUrl), Token = ConnectorSamples.CallbackToken, EncodingAesKey = ConnectorSamples.EncodingAesKey,
        });
        var feedStart = await host.Grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenantId)).GetLastSequence();
        var renamed = company.Members[0].UserId;
        var leaving = company.Members[1].UserId;
        var renamedAccount = await LookupAsync(tenantId, renamed, auth);

        company.UpdateMember(renamed, m => m with { Name = "回调改名" });
        company.AddMember(new SimulatedMember { UserId = "callback-newcomer", Name = "回调新人", Departments = [company.Departments[0].Id] });
        company.DeleteMember(leaving);

        var updated = await Eventually.MatchAsync(
            () => LookupAsync(tenantId, renamed, auth), a => a?.DisplayName == "回调改名", Bound,
            "the renamed member's account to show the new name", a => a?.DisplayName ?? "(none)");
        var created = await Eventually.MatchAsync(
            () => LookupAsync(tenantId, "callback-newcomer", auth), a => a is not null, Bound, "the new member's account", _ => "(none)");
        var left = await Eventually.MatchAsync(
            () => LookupAsync(tenantId, leaving, auth), a => a is null || a.Status != AccountStatus.Active, Bound,
            "the deleted member's account to be gone or inactive", a => a?.Status.ToString() ?? "(none)");
        var events = await host.AdminClient().ListWeComEventsAsync(new ListWeComEventsRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var streamed = await WatchUntilAsync(tenantId, token, feedStart, updated!.AccountId);

        Assert.Equal(renamedAccount!.AccountId, updated.AccountId);
        Assert.Equal("回调新人", created!.DisplayName);
        Assert.True(left is null || left.Status != AccountStatus.Active);
        Assert.Contains(events.Events, e => e.ChangeType == "update_user" && e.Userid == renamed && e.Status == WeComEventStatus.Applied);
        Assert.Contains(events.Events, e => e.ChangeType == "create_user" && e.Userid == "callback-newcomer" && e.Status == WeComEventStatus.Applied);
        Assert.Contains(events.Events, e => e.ChangeType == "delete_user" && e.Userid == leaving);
        Assert.Equal("回调改名", streamed.Account.DisplayName);
    }

    private async Task<Account?> LookupAsync(string tenantId, string userId, Metadata auth)
    {
        try
        {
            return (await host.DirectoryClient().LookupAccountAsync(
                new LookupAccountRequest { TenantId = tenantId, ConnectorId = "main", WecomUserid = userId }, auth)).Account;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    // The change stream from before the mutations, up to the change that carries the account's new name.
    private async Task<WatchChangesResponse> WatchUntilAsync(string tenantId, string token, long from, string accountId)
    {
        using var timeout = new CancellationTokenSource(Bound);
        using var call = host.DirectoryClient().WatchChanges(
            new WatchChangesRequest { TenantId = tenantId, ResumeToken = from.ToString(CultureInfo.InvariantCulture) },
            GridHostFixture.Bearer(token), cancellationToken: timeout.Token);
        while (true)
        {
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the change stream ended early");
            var change = call.ResponseStream.Current;
            if (change.ObjectId == accountId && change.Account?.DisplayName == "回调改名")
            {
                return change;
            }
        }
    }
}
