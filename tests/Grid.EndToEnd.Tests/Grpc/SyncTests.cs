using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Grpc;

[Collection(GridHostCollection.Name)]
public sealed class SyncTests(GridHostFixture host)
{
    [Fact]
    public async Task DryRun_WatchedToItsEnd_KeepsAPagedPlan_AndAppliesNothing()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, tenantId, "main"), auth);

        var started = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main", DryRun = true }, auth);
        var updates = await WatchToEndAsync(tenantId, started.Run.RunId, token);
        var plan = new List<PlanStep>();
        var pageToken = "";
        long total;
        do
        {
            var page = await host.AdminClient().GetSyncRunAsync(new GetSyncRunRequest
            {
                TenantId = tenantId, ConnectorId = "main", RunId = started.Run.RunId, IncludePlan = true, PlanPageSize = 10, PlanPageToken = pageToken,
            }, auth);
            Assert.InRange(page.PlanSteps.Count, 0, 10);
            plan.AddRange(page.PlanSteps);
            pageToken = page.NextPlanPageToken;
            total = page.PlanStepCount;
        }
        while (pageToken != "");
        var runs = await host.AdminClient().ListSyncRunsAsync(new ListSyncRunsRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var accounts = await host.DirectoryClient().ListAccountsAsync(new ListAccountsRequest { TenantId = tenantId }, auth);

        var final = updates[^1];
        Assert.True(final.State == SyncRunState.Planned, $"the dry run ended {final.State}: {final.Message}");
        Assert.NotNull(final.EndedAt);
        Assert.True(final.DryRun);
        Assert.True(plan.Count > 0, "the plan is empty");
        Assert.Equal(total, plan.Count);
        Assert.Equal(Enumerable.Range(0, plan.Count).Select(i => (long)i), plan.Select(s => s.Index));
        Assert.All(plan, step => Assert.Equal(StepOutcome.Pending, step.Outcome));
        Assert.Contains(runs.Runs, run => run.RunId == started.Run.RunId);
        Assert.Empty(accounts.Accounts);
    }

    [Fact]
    public async Task FullRun_WatchedToItsEnd_CreatesTheAccounts_ThatLookupByWeComUseridFinds()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, tenantId, "main"), auth);

        var started = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var final = (await WatchToEndAsync(tenantId, started.Run.RunId, token))[^1];
        var member = host.Simulator.Company.Members[0];
        var found = await host.DirectoryClient().LookupAccountAsync(
            new LookupAccountRequest { TenantId = tenantId, ConnectorId = "main", WecomUserid = member.UserId }, auth);
        var approveEnded = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ApproveSyncRunAsync(
            new ApproveSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = started.Run.RunId }, auth).ResponseAsync);
        var cancelEnded = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().CancelSyncRunAsync(
            new CancelSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = started.Run.RunId }, auth).ResponseAsync);

        Assert.True(final.State == SyncRunState.Succeeded, $"the run ended {final.State}: {final.Message}");
        Assert.True(final.Applied.AccountsCreated > 0, "no account was created");
        Assert.Contains(found.Account.ExternalIds, id => id.Value == member.UserId);
        Assert.Equal(StatusCode.FailedPrecondition, approveEnded.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, cancelEnded.StatusCode);
    }

    private async Task<List<SyncRun>> WatchToEndAsync(string tenantId, string runId, string token)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = host.AdminClient().WatchSyncRun(
            new WatchSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = runId },
            GridHostFixture.Bearer(token), cancellationToken: timeout.Token);
        var updates = new List<SyncRun>();
        await foreach (var update in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            updates.Add(update.Run);
        }

        Assert.True(updates.Count > 0, "WatchSyncRun sent no update");
        Assert.NotNull(updates[^1].EndedAt);
        return updates;
    }
}
