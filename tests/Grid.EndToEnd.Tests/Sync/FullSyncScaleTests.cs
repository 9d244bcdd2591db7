using System.Diagnostics;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace Grid.EndToEnd.Tests.Sync;

/// <summary>The scale test runs alone: it loads the machine and PostgreSQL, and its printed timings must not share them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleCollection
{
    public const string Name = "sync scale";
}

/// <summary>
/// A full sync of a 100,000-member, 5,000-department company from the simulator over HTTP (quotas off) into Grid.Host
/// in the cluster profile, grain state on the test PostgreSQL, then a re-run with no change. Asserts completeness, and
/// that the re-run writes no grain state but the run's own record (counted in PostgreSQL: every write adds one to a
/// row's version); prints times and memory (run with <c>--logger "console;verbosity=normal"</c> to see them). Select it
/// with <c>--filter Category=Scale</c>; figures beside their floors come from the scale benchmark.
/// </summary>
[Collection(ScaleCollection.Name)]
[Trait("Category", "Scale")]
public sealed class FullSyncScaleTests(ITestOutputHelper output)
{
    private const int Members = 100_000;
    private const int Departments = 5_000;
    private const string ConnectorId = "wecom";

    // The grain types that record a run: the coordinator's state and its audit entry.
    private static readonly string[] RunRecord = ["sync-coordinator", "audit-log", "audit-log-segment"];

    [Fact]
    public async Task FullSync_Of100kMembersIn5kDepartments_OnPostgreSql_CompletesAndAReRunWritesOnlyItsRecord()
    {
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Seed = 12, Members = Members, Departments = Departments });
        await using var host = await ClusterGridHost.StartAsync(simulator.BaseAddress, "--Grid:Sync:ProgressInterval=00:00:00.100");
        var grains = host.Grains;
        var serviceId = host.App.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        var tenantId = "scale-" + Guid.NewGuid().ToString("N")[..10];
        await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Scale", "UTC");
        var company = simulator.Company;
        await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, ConnectorId))
            .Configure(SimulatedConnector.Settings(company, "Scale"), "e2e");
        var coordinator = grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ConnectorId));

        var (first, phases) = await MeasureAsync(coordinator);
        var peakAfterFirst = Process.GetCurrentProcess().PeakWorkingSet64;

        Assert.True(first.State == SyncRunState.Succeeded, $"the first run ended {first.State}: {first.Message}");
        Assert.Equal(Departments, first.DepartmentsFetched);
        Assert.Equal(Members, first.MembersFetched);
        Assert.Equal(Departments, first.Applied.OrganizationsCreated);
        Assert.Equal(Members, first.Applied.AccountsCreated);
        Assert.Equal(0, first.Applied.Failed);

        var before = await WritesAsync(serviceId);
        var (second, _) = await MeasureAsync(coordinator);
        var after = await WritesAsync(serviceId);

        Assert.Equal(SyncRunState.Succeeded, second.State);
        Assert.Equal(0, second.PlanStepCount);
        Assert.Equal(Members + Departments, second.Planned.Unchanged);
        var written = after.Where(kv => kv.Value != before.GetValueOrDefault(kv.Key)).Select(kv => kv.Key).ToList();
        Assert.All(written, type => Assert.Contains(type, RunRecord));

        output.WriteLine($"first run   {Seconds(first)} s ({phases})");
        output.WriteLine($"re-run      {Seconds(second)} s (no change: {second.PlanStepCount} steps; grain state written: {string.Join(", ", written)})");
        output.WriteLine($"peak working set after the first run {peakAfterFirst / (1024 * 1024)} MiB (test process: simulator, silo and client)");
    }

    // Runs a sync and notes how long each phase lasted, as the progress stream shows it.
    private static async Task<(SyncRun Run, string Phases)> MeasureAsync(ISyncCoordinatorGrain coordinator)
    {
        var clock = Stopwatch.StartNew();
        var started = await coordinator.Start(dryRun: false, "e2e");
        var phases = new List<(string Phase, TimeSpan At)>();
        var last = started;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        await foreach (var update in coordinator.Watch(started.RunId, timeout.Token))
        {
            if (phases.Count == 0 || phases[^1].Phase != update.Progress.Phase)
            {
                phases.Add((update.Progress.Phase, clock.Elapsed));
            }

            last = update;
        }

        phases.Add(("end", clock.Elapsed));
        var described = string.Join(", ", phases.Zip(phases.Skip(1)).Where(p => p.First.Phase.Length > 0)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First.Phase} {(p.Second.At - p.First.At).TotalSeconds:0.0} s")));
        return (last, described);
    }

    // Writes so far per state name, counted by PostgreSQL.
    private static async Task<Dictionary<string, long>> WritesAsync(string serviceId)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestPostgresServer.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT state_name, sum(version)::bigint FROM grid_grain_state WHERE service_id = $1 GROUP BY state_name");
        command.Parameters.AddWithValue(serviceId);
        var writes = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            writes[reader.GetString(0)] = reader.GetInt64(1);
        }

        return writes;
    }

    private static string Seconds(SyncRun run) =>
        (run.EndedAt!.Value - run.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
