using System.Diagnostics;
using Grid.Abstractions;
using Grid.Abstractions.Sync;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;
using Xunit.Abstractions;

namespace Grid.EndToEnd.Tests.Cluster;

/// <summary>
/// A silo SIGKILLed in the middle of a large first sync: three Grid.Host processes on the test PostgreSQL, the one
/// holding the run's coordinator is killed while it applies, and the run resumes on a survivor from its last checkpoint.
/// The resulting accounts and organizations must equal, object by object (<see cref="DirectorySnapshot"/>), those of an
/// uninterrupted run of the same simulated company. The reference run is Grid.Host in this process on the dev profile
/// (grain state in memory): the same grains and sync code without PostgreSQL's writes, which keeps the test inside the
/// suite's time on two cores.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloKillDuringFullSyncTests(ITestOutputHelper output)
{
    private const int Members = 20_000;
    private const int Departments = 400;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(12);

    [Fact]
    public async Task FullSync_WhenTheCoordinatorsSiloIsKilledWhileItApplies_CompletesEqualToAnUninterruptedRun()
    {
        var clock = Stopwatch.StartNew();
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Seed = 1313, Members = Members, Departments = Departments });
        var company = simulator.Company;
        var reference = await UninterruptedRunAsync(simulator);
        var referenceDone = clock.Elapsed;

        // Chunks of 500 steps: a checkpoint every 500 steps, so the resume starts well inside the plan.
        await using var cluster = await ThreeSiloCluster.StartAsync("kill", simulator.BaseAddress,
            "--Grid:Sync:ChunkSize=500", "--Logging:LogLevel:Grid.Grains.Sync=Information");
        var clusterUp = clock.Elapsed;
        var tenantId = await ThreeSiloCluster.CreateTenantAsync(cluster.Grains, company, "kill");
        var coordinator = cluster.Grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ThreeSiloCluster.ConnectorId));
        var started = await coordinator.Start(dryRun: false, "e2e");
        var victim = await cluster.SiloOfAsync(coordinator);
        var beforeKill = await SyncRunWatch.UntilAsync(
            coordinator, started.RunId, run => run.State == SyncRunState.Applying && run.Progress.Completed >= run.Progress.Total / 4, Deadline);
        cluster.Kill(victim);
        var killedAt = clock.Elapsed;
        var ended = await SyncRunWatch.EndThroughFailoverAsync(coordinator, started.RunId, Deadline, cluster.Outputs);
        var endedAt = clock.Elapsed;

        Assert.True(ended.State == SyncRunState.Succeeded, $"the run ended {ended.State}: {ended.Message}{Environment.NewLine}{cluster.Outputs()}");
        Assert.True(beforeKill.Progress.Completed < beforeKill.Progress.Total, "the kill came before the apply ended");
        Assert.Contains(cluster.Running, silo => silo.Process.RecentOutput.Contains(
            $"Sync run {started.RunId} of {tenantId}/{ThreeSiloCluster.ConnectorId} resumes in state Applying", StringComparison.Ordinal));
        Assert.Equal(Departments, ended.Applied.OrganizationsCreated);
        Assert.Equal(Members, ended.Applied.AccountsCreated);
        Assert.Equal(0, ended.Applied.Failed);
        var actual = await DirectorySnapshot.ReadAsync(cluster.Grains, tenantId);
        Assert.Equal(Members, actual.Accounts.Count);
        reference.AssertSameAs(actual, "the interrupted run against the uninterrupted one");

        output.WriteLine($"{Members} members, {Departments} departments; chunk size 500; killed {victim} at {beforeKill.Progress.Completed} of {beforeKill.Progress.Total} steps");
        output.WriteLine($"reference run (dev profile, in process)   {referenceDone.TotalSeconds,6:0.0} s");
        output.WriteLine($"three silos up                            {(clusterUp - referenceDone).TotalSeconds,6:0.0} s");
        output.WriteLine($"run start to kill                         {(killedAt - clusterUp).TotalSeconds,6:0.0} s");
        output.WriteLine($"kill to run end (failover and resume)     {(endedAt - killedAt).TotalSeconds,6:0.0} s");
        output.WriteLine($"comparison read                           {(clock.Elapsed - endedAt).TotalSeconds,6:0.0} s");
        output.WriteLine($"total                                     {clock.Elapsed.TotalSeconds,6:0.0} s");
    }

    private static async Task<DirectorySnapshot> UninterruptedRunAsync(WeComSimulatorHost simulator)
    {
        var work = Directory.CreateTempSubdirectory("grid-reference-");
        try
        {
            await using var host = await InProcessGridHost.StartAsync(
            [
                .. GridHostArguments.WeCom(simulator.BaseAddress),
                .. GridHostArguments.Dev(Path.Combine(work.FullName, "credentials.json")),
                "--WeCom:Quotas:Enabled=false",
            ]);
            var tenantId = await ThreeSiloCluster.CreateTenantAsync(host.Grains, simulator.Company, "reference");
            var coordinator = host.Grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ThreeSiloCluster.ConnectorId));
            var run = await coordinator.Start(dryRun: false, "e2e");
            var ended = await SyncRunWatch.UntilAsync(coordinator, run.RunId, r => !r.IsActive, Deadline);
            Assert.True(ended.State == SyncRunState.Succeeded, $"the reference run ended {ended.State}: {ended.Message}");
            return await DirectorySnapshot.ReadAsync(host.Grains, tenantId);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
