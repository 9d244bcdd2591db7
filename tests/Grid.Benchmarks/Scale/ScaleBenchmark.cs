using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using V1 = Grid.Contracts.V1;
using Grid.Testing;
using Grid.WeCom;
using Grid.WeCom.Simulator.Hosting;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Grid.Benchmarks.Scale;

/// <summary>
/// B1 (first import), B2 (no-change re-run) and B5 (directory reads over gRPC, memory per 100,000 members) on the
/// cluster profile: its own PostgreSQL with our schema, one or two Grid.Host silo processes, the simulator in this
/// process. Prints a table and writes a JSON file. Not a test: figures only.
/// </summary>
internal static class ScaleBenchmark
{
    private const string TenantId = "scale";
    private const string ConnectorId = "wecom";

    // What a silo's Npgsql pool holds (ClusterHostProcess sets it): the storage floor writes from as many connections.
    private const int PoolConnections = 40;

    public static async Task<int> RunAsync(ScaleOptions options, TextWriter output)
    {
        var serviceId = "scale-" + Guid.NewGuid().ToString("N")[..12];
        await output.WriteLineAsync($"scale: {options.Members} members, {options.Departments} departments, {options.Silos} silo(s), {Environment.ProcessorCount} cores; starting PostgreSQL");
        await using var database = await ScaleDatabase.StartAsync();
        Environment.SetEnvironmentVariable(TestPostgresServer.VariableName, database.ConnectionString);
        await using var simulator = await WeComSimulatorHost.StartAsync(
            new SimulatorOptions { Seed = 12, Members = options.Members, Departments = options.Departments });
        await using var cluster = await ScaleCluster.StartAsync(serviceId, options.Silos, simulator.BaseAddress);
        var grains = cluster.Client;
        await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(TenantId)).Create("Scale", "UTC");
        var company = simulator.Company;
        await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(TenantId, ConnectorId))
            .Configure(SimulatedConnector.Settings(company, "Scale"), "bench");
        var coordinator = grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(TenantId, ConnectorId));
        var (baselineRss, _) = cluster.Memory();
        var clock = Stopwatch.StartNew();
        async Task Progress(string step) =>
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"scale: {clock.Elapsed.TotalSeconds,6:0.0} s  {step}"));

        // B1: the first import.
        await Progress($"B1 first import (silo pid {string.Join(", ", cluster.ProcessIds)})");
        simulator.Simulator.ResetCallCounts();
        var rowsBefore = await database.RowsAsync(serviceId);
        var walBefore = await database.WalBytesAsync();
        var (siloCpu, serverCpu, ownCpu) = (cluster.Cpu(), database.ServerCpu(), Process.GetCurrentProcess().TotalProcessorTime);
        var first = await SyncAsync(coordinator);
        (siloCpu, serverCpu, ownCpu) = (cluster.Cpu() - siloCpu, database.ServerCpu() - serverCpu, Process.GetCurrentProcess().TotalProcessorTime - ownCpu);
        var b1Writes = Delta(await database.RowsAsync(serviceId), rowsBefore);
        var wal = await database.WalBytesAsync() - walBefore;
        var (rssAfterB1, peakRss) = cluster.Memory();
        var calls = simulator.Simulator.CallCounts;
        var quotaFloor = QuotaFloor(calls, new WeComQuotaOptions());
        var totalWrites = b1Writes.Values.Sum(r => r.Writes);
        var totalRows = b1Writes.Values.Sum(r => r.Rows);
        var payload = await database.MeanPayloadAsync(serviceId);
        await Progress("storage floor");
        var storageFloor = await StorageFloor.MeasureAsync(database.DataSource, totalWrites, totalRows, payload, PoolConnections);

        // B2: the same company again.
        await Progress("B2 no-change re-run");
        var rowsBeforeB2 = await database.RowsAsync(serviceId);
        var second = await SyncAsync(coordinator);
        var b2Writes = Delta(await database.RowsAsync(serviceId), rowsBeforeB2);

        // Memory once idle activations are collected.
        await Progress("idle collection");
        var activationsAfterRuns = await cluster.ActivationsAsync();
        await cluster.CollectIdleAsync(TimeSpan.FromSeconds(5));

        // Long enough for the silo's idle heap trim: it waits for a quiet 5-second interval after the collection.
        await Task.Delay(TimeSpan.FromSeconds(20));
        var activationsIdle = await cluster.ActivationsAsync();
        var (rssIdle, _) = cluster.Memory();

        // B5: directory reads over gRPC.
        using var channel = GrpcChannel.ForAddress(cluster.GrpcAddress);
        var reader = await TokenAsync(grains, channel);
        var directory = new V1.Directory.DirectoryClient(channel);
        var usernames = await UsernamesAsync(directory, reader);
        // Every account looked up once first: the timed calls measure warm activations, as a directory in use has.
        await Parallel.ForEachAsync(usernames, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (username, _) =>
            await directory.LookupAccountAsync(new V1.LookupAccountRequest { TenantId = TenantId, Username = username }, reader));
        var duration = TimeSpan.FromSeconds(options.Seconds);
        await Progress("B5 baseline, LookupAccount, ListAccounts");
        // The baseline: the least a call to this silo over gRPC costs (the health service, no grain, no token).
        var health = new Health.HealthClient(channel);
        var bare = await SignIn.LoadRun.RunAsync("Health.Check", async () => await health.CheckAsync(new HealthCheckRequest()), options.Concurrency, duration);
        var lookup = await SignIn.LoadRun.RunAsync("LookupAccount", async () =>
        {
            var username = usernames[Random.Shared.Next(usernames.Length)];
            await directory.LookupAccountAsync(new V1.LookupAccountRequest { TenantId = TenantId, Username = username }, reader);
        }, options.Concurrency, duration);
        var list = await SignIn.LoadRun.RunAsync("ListAccounts", async () =>
            await directory.ListAccountsAsync(new V1.ListAccountsRequest { TenantId = TenantId, PageSize = 100 }, reader),
            options.Concurrency, duration);

        var result = new ScaleResult(
            DateTimeOffset.UtcNow, Environment.ProcessorCount, options.Members, options.Departments, options.Silos,
            new ImportFigures(
                Seconds(first.Wall), Phase(first, "fetch"), Phase(first, "plan"), Phase(first, "apply"),
                options.Members / first.Wall.TotalSeconds, Mib(peakRss), Mib(rssAfterB1),
                calls.Values.Sum(), quotaFloor.TotalSeconds, totalWrites, totalRows, payload, Seconds(storageFloor), PoolConnections,
                Mib(wal), Writes(b1Writes), first.Run.State.ToString(), first.Run.Applied.AccountsCreated, first.Run.Applied.Failed,
                Seconds(siloCpu), Seconds(serverCpu), Seconds(ownCpu)),
            new RerunFigures(Seconds(second.Wall), b2Writes.Values.Sum(r => r.Writes), Writes(b2Writes), second.Run.State.ToString(), second.Run.PlanStepCount),
            new DirectoryFigures(
                options.Concurrency, bare.CallsPerSecond, bare.P99.TotalMilliseconds, lookup.CallsPerSecond, lookup.P99.TotalMilliseconds, list.CallsPerSecond, list.P99.TotalMilliseconds,
                activationsAfterRuns, activationsIdle, Mib(baselineRss), Mib(rssIdle),
                Mib((long)((rssIdle - baselineRss) * (100_000.0 / options.Members)))));
        await ScaleReport.PrintAsync(result, output);
        await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(result, ScaleReport.Json));
        await output.WriteLineAsync($"written to {Path.GetFullPath(options.Output)}");
        return first.Run.State == SyncRunState.Succeeded && second.Run.State == SyncRunState.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// The least time WeCom's per-API (10,000/min, 150,000/h) and per-IP (20,000/min) quotas allow for the calls made:
    /// a window's worth of calls may go at once, every further window's worth waits for the window to pass.
    /// </summary>
    internal static TimeSpan QuotaFloor(IReadOnlyDictionary<string, long> calls, WeComQuotaOptions quotas)
    {
        static TimeSpan Waits(long count, int permits, TimeSpan window) => count <= 0 ? TimeSpan.Zero : window * ((count - 1) / permits);
        var perApi = calls.Values.Select(c => Max(Waits(c, quotas.PerApiPerMinute, TimeSpan.FromMinutes(1)), Waits(c, quotas.PerApiPerHour, TimeSpan.FromHours(1))));
        return Max(perApi.DefaultIfEmpty(TimeSpan.Zero).Max(), Waits(calls.Values.Sum(), quotas.PerIpPerMinute, TimeSpan.FromMinutes(1)));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task<Measured> SyncAsync(ISyncCoordinatorGrain coordinator)
    {
        var clock = Stopwatch.StartNew();
        var started = await coordinator.Start(dryRun: false, "bench");
        var phases = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var last = started;
        var (phase, since) = ("", TimeSpan.Zero);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(60));
        await foreach (var update in coordinator.Watch(started.RunId, timeout.Token))
        {
            if (update.Progress.Phase != phase)
            {
                Close(phases, phase, clock.Elapsed - since);
                (phase, since) = (update.Progress.Phase, clock.Elapsed);
            }

            last = update;
        }

        Close(phases, phase, clock.Elapsed - since);
        return new Measured(last, clock.Elapsed, phases);
    }

    private static void Close(Dictionary<string, TimeSpan> phases, string phase, TimeSpan took)
    {
        if (phase.Length > 0)
        {
            phases[phase] = phases.GetValueOrDefault(phase) + took;
        }
    }

    private static async Task<Metadata> TokenAsync(IGrainFactory grains, GrpcChannel channel)
    {
        var clientId = ServiceClientIds.New(TenantId);
        var secret = await grains.GetGrain<IServiceClientGrain>(clientId)
            .Create(new ServiceClientRegistration(TenantId, "bench", [GridScopes.DirectoryRead], "bench"));
        var token = await new V1.Auth.AuthClient(channel).IssueTokenAsync(new V1.IssueTokenRequest { ClientId = clientId, ClientSecret = secret });
        return new Metadata { { "authorization", $"Bearer {token.AccessToken}" } };
    }

    // Every account's username, a page of 1,000 at a time (also warms the catalog the listing reads).
    private static async Task<string[]> UsernamesAsync(V1.Directory.DirectoryClient directory, Metadata reader)
    {
        var usernames = new List<string>();
        var token = "";
        do
        {
            var page = await directory.ListAccountsAsync(new V1.ListAccountsRequest { TenantId = TenantId, PageSize = 1000, PageToken = token }, reader);
            usernames.AddRange(page.Accounts.Select(a => a.Username));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return [.. usernames];
    }

    private static ImmutableSortedDictionary<string, StateRows> Delta(
        ImmutableSortedDictionary<string, StateRows> after, ImmutableSortedDictionary<string, StateRows> before) =>
        after.Select(kv => (kv.Key, Delta: kv.Value.Minus(before.GetValueOrDefault(kv.Key, StateRows.None))))
            .Where(kv => kv.Delta.Writes != 0)
            .ToImmutableSortedDictionary(kv => ShortType(kv.Key), kv => kv.Delta, StringComparer.Ordinal);

    private static ImmutableSortedDictionary<string, long> Writes(ImmutableSortedDictionary<string, StateRows> rows) =>
        rows.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.Writes, StringComparer.Ordinal);

    // The grain type as Orleans names it in the row, without its namespace.
    private static string ShortType(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    private static double Phase(Measured run, string phase) => Seconds(run.Phases.GetValueOrDefault(phase));

    private static double Seconds(TimeSpan time) => Math.Round(time.TotalSeconds, 1);

    private static double Mib(long bytes) => Math.Round(bytes / (1024.0 * 1024.0));

    private sealed record Measured(SyncRun Run, TimeSpan Wall, Dictionary<string, TimeSpan> Phases);
}
