using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;

namespace Grid.EndToEnd.Tests.Grpc;

[Collection(GridHostCollection.Name)]
public sealed class ClusterStatusTests(GridHostFixture host)
{
    [Fact]
    public async Task GetClusterStatus_ShowsTheActiveSiloWithItsLoad_AndARunOnlyWhileItIsActive()
    {
        var scenario = await CallbackScenario.StartAsync(host, members: 4, departments: 1);
        var (_, platformToken) = await host.TenantWithTokenAsync(GridScopes.PlatformAdmin);
        var platform = GridHostFixture.Bearer(platformToken);

        // The run's fetch is held at its user/list_id cross-check: it stays active until released.
        var hold = host.Simulator.Faults.Hold("user/list_id");
        GetClusterStatusResponse during;
        SyncRun run;
        try
        {
            run = await scenario.StartSyncAsync();
            await hold.Entered.WaitAsync(CallbackScenario.Bound);
            during = await host.AdminClient().GetClusterStatusAsync(new GetClusterStatusRequest(), platform);
        }
        finally
        {
            hold.Release();
            host.Simulator.Faults.Remove(hold);
        }

        await scenario.WaitForRunAsync(run.RunId, SyncRunState.Succeeded);
        var after = await host.AdminClient().GetClusterStatusAsync(new GetClusterStatusRequest { IncludeDead = true }, platform);

        var silo = Assert.Single(during.Silos);
        Assert.Equal(SiloState.Active, silo.Status);
        Assert.Equal(during.AnsweredBy, silo.Address);
        Assert.StartsWith("127.0.0.1:", silo.Address, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(silo.Name));
        Assert.NotNull(silo.StartedAt);
        Assert.NotNull(silo.Load);
        Assert.True(silo.Load.ActivationCount > 0, "no activations on the one silo");
        Assert.True(silo.Load.MemoryUsageBytes > 0, "no memory use reported");
        var active = Assert.Single(during.ActiveRuns, r => r.RunId == run.RunId);
        Assert.Equal(scenario.TenantId, active.TenantId);
        Assert.Equal(CallbackScenario.ConnectorId, active.ConnectorId);
        Assert.Equal(SyncRunState.Fetching, active.State);
        Assert.DoesNotContain(after.ActiveRuns, r => r.RunId == run.RunId);
        Assert.Single(after.Silos);
    }
}
