using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;

namespace Grid.EndToEnd.Tests.Sync;

/// <summary>
/// A silo crash in the middle of a sync: two Grid.Host processes on one PostgreSQL, the one holding the coordinator is
/// killed (SIGKILL) while it applies, and the run resumes on the survivor from its last checkpoint and converges to
/// what an uninterrupted run gives: every member exactly once with its fields and departments, and nothing left to do.
/// Two real processes rather than an in-process test cluster, because only a killed process loses its memory, its
/// in-flight grain calls and its half-written chunk the way a crashed server does.
/// </summary>
public sealed class SyncFailoverTests
{
    private const string ConnectorId = "corp";
    private const int Members = 1_500;
    private const int Departments = 40;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task FullSync_WhenTheSiloApplyingItIsKilled_ResumesOnTheSurvivorAndConverges()
    {
        var serviceId = TestPostgresServer.NewServiceId("failover");
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Seed = 77, Members = Members, Departments = Departments });
        var origin = simulator.BaseAddress.ToString().TrimEnd('/');
        string[] settings =
        [
            $"--WeCom:ApiBaseUrl={origin}",
            "--WeCom:Quotas:Enabled=false",
            // Small chunks and few steps in flight: the apply lasts long enough to be interrupted, with checkpoints.
            "--Grid:Sync:ChunkSize=50",
            "--Grid:Sync:ApplyParallelism=4",
            // Two silos: one vote declares the other dead, after two missed probes of two seconds.
            "--Grid:Silo:Membership:NumVotesForDeathDeclaration=1",
            "--Grid:Silo:Membership:NumMissedProbesLimit=2",
            "--Grid:Silo:Membership:ProbeTimeout=00:00:02",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Grid.Grains.Sync=Information",
        ];
        await using var cluster = await ProcessCluster.StartAsync(serviceId, 2, Deadline, settings);
        var grains = cluster.Grains;

        var tenantId = "failover-" + Guid.NewGuid().ToString("N")[..10];
        await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Failover", "Asia/Shanghai");
        var company = simulator.Company;
        await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, ConnectorId)).Configure(
            new WeComConnectorSettings(
                "Simulated corp", company.CorpId, company.DefaultApp.AgentId.ToString(CultureInfo.InvariantCulture), company.DefaultApp.Secret,
                "Token123", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE", null, null, null, [], GridKeys.RootOrganizationId,
                MatchRule.Default, null, UserIdChangeMode.Rebind, null, new SyncSchedule(false, "03:00"),
                new LoginFeatures(ContactSync: true, QrLogin: false, WebLogin: false, PasswordFallback: true, SmsFallback: false)),
            "e2e");
        var coordinator = grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ConnectorId));

        var started = await coordinator.Start(dryRun: false, "e2e");
        var victim = await cluster.SiloOfAsync(coordinator);
        var survivor = cluster.Running.Single(silo => silo != victim).Process;
        var beforeCrash = await SyncRunWatch.UntilAsync(
            coordinator, started.RunId, run => run.State == SyncRunState.Applying && run.Progress.Completed >= run.Progress.Total / 4, Deadline);
        cluster.Kill(victim);

        var ended = await SyncRunWatch.EndThroughFailoverAsync(coordinator, started.RunId, Deadline, () => survivor.RecentOutput);
        Assert.True(ended.State == SyncRunState.Succeeded, $"the run ended {ended.State}: {ended.Message}{Environment.NewLine}{survivor.RecentOutput}");
        Assert.True(beforeCrash.Progress.Completed < beforeCrash.Progress.Total, "the crash came before the apply ended");
        Assert.Contains($"Sync run {started.RunId} of {tenantId}/{ConnectorId} resumes in state Applying", survivor.RecentOutput, StringComparison.Ordinal);
        Assert.Equal(Departments, ended.Applied.OrganizationsCreated);
        Assert.Equal(Members, ended.Applied.AccountsCreated);
        Assert.Equal(0, ended.Applied.Failed);

        var accounts = await AccountsAsync(grains, tenantId);
        Assert.Equal(Members, accounts.Count);
        var byUsername = accounts.ToDictionary(a => a.Profile.Username!, StringComparer.Ordinal);
        foreach (var member in company.Members)
        {
            var account = byUsername[member.UserId];
            Assert.Equal(member.Name, account.Profile.DisplayName);
            Assert.Equal(member.Departments.Distinct().Count(), account.OrganizationIds.Length);
            Assert.Contains(ExternalId.ForWeCom(company.CorpId, member.UserId), account.ExternalIds);
        }

        var rerun = await coordinator.Start(dryRun: false, "e2e");
        var unchanged = await SyncRunWatch.UntilAsync(coordinator, rerun.RunId, run => !run.IsActive, Deadline);
        Assert.Equal(SyncRunState.Succeeded, unchanged.State);
        Assert.Equal(0, unchanged.PlanStepCount);
    }

    private static async Task<List<AccountView>> AccountsAsync(IGrainFactory grains, string tenantId)
    {
        var query = grains.GetGrain<IDirectoryQueryGrain>(tenantId);
        var accounts = new List<AccountView>();
        string? token = null;
        do
        {
            var page = await query.ListAccounts(token, 1000);
            accounts.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));

        return accounts;
    }

}
