using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Testing;
using Grid.WeCom.Callbacks;
using Grid.WeCom.Simulator.Hosting;

namespace Grid.Benchmarks.Callbacks;

/// <summary>
/// B3: encrypted change callbacks posted at rising rates over loopback to Grid.Host in the cluster profile (PostgreSQL),
/// each renaming a member; prints per rate the sustained events/s and the p50/p99 time from the POST to the account's
/// change on the tenant's change stream (what Directory.WatchChanges serves). Not a test: figures only.
/// </summary>
internal static class CallbackBenchmark
{
    private const string Token = "BenchToken2026";
    private const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE";
    private const string ConnectorId = "bench";

    public static async Task<int> RunAsync(CallbackOptions options, TextWriter output)
    {
        var postgres = options.Postgres ?? Environment.GetEnvironmentVariable(TestPostgresServer.VariableName);
        if (string.IsNullOrEmpty(postgres))
        {
            await output.WriteLineAsync($"error: the callbacks benchmark needs PostgreSQL: --postgres CONN or ${TestPostgresServer.VariableName}");
            return 2;
        }

        await using var simulator = await WeComSimulatorHost.StartAsync(
            new SimulatorOptions { Seed = 3, Members = options.Members, Departments = Math.Max(2, options.Members / 100) });
        var company = simulator.Company;
        var serviceId = "b3-" + Guid.NewGuid().ToString("N")[..12];
        var ports = LoopbackPorts.Free(2);
        await using var host = await InProcessGridHost.StartAsync(
        [
            .. GridHostArguments.Cluster(postgres, serviceId, serviceId, ports[0], ports[1]),
            $"--Grid:Secrets:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            .. GridHostArguments.WeCom(simulator.BaseAddress),
            "--WeCom:Quotas:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
        ]);
        var grains = host.Grains;
        var tenantId = "bench";
        await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Bench", "UTC");
        await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, ConnectorId)).Configure(
            new WeComConnectorSettings(
                "Bench", company.CorpId, company.DefaultApp.AgentId.ToString(CultureInfo.InvariantCulture), company.DefaultApp.Secret,
                Token, AesKey, null, null, null, [], GridKeys.RootOrganizationId, MatchRule.Default, null, UserIdChangeMode.Rebind,
                null, new SyncSchedule(false, "03:00"),
                new LoginFeatures(ContactSync: true, QrLogin: false, WebLogin: false, PasswordFallback: true, SmsFallback: false)),
            "bench");
        var coordinator = grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ConnectorId));
        var run = await coordinator.Start(dryRun: false, "bench");
        await foreach (var _ in coordinator.Watch(run.RunId, CancellationToken.None))
        {
        }

        await output.WriteLineAsync(
            $"B3 callbacks: {options.Members} members, cluster profile on PostgreSQL, {Environment.ProcessorCount} cores, {options.Seconds} s per rate");
        await output.WriteLineAsync("| offered events/s | posted | answered 200 per s | visible | sustained events/s | p50 ms | p99 ms | non-200 |");
        await output.WriteLineAsync("|---:|---:|---:|---:|---:|---:|---:|---:|");

        var crypto = new WeComCallbackCrypto(Token, AesKey, company.CorpId);
        var feed = grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenantId));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = host.HttpAddress };
        var path = $"/t/{tenantId}/wecom/{ConnectorId}/events";
        var members = company.Members.Select(m => m.UserId).ToArray();
        var sequence = 0;
        foreach (var rate in options.Rates)
        {
            var round = await RoundAsync(rate, options.Seconds, members, company, crypto, http, path, feed, () => Interlocked.Increment(ref sequence));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {rate} | {round.Posted} | {round.Answered:0} | {round.Visible} | {round.Sustained:0} | {round.P50:0} | {round.P99:0} | {round.Refused} |"));
        }

        return 0;
    }

    private static async Task<Round> RoundAsync(
        int rate, int seconds, string[] members, Grid.WeCom.Simulator.Model.SimulatedCompany company, WeComCallbackCrypto crypto,
        HttpClient http, string path, IChangeFeedGrain feed, Func<int> next)
    {
        // Per member, the renames posted and not yet seen. The applier fetches the member fresh, so a later rename can
        // overtake an earlier one: seeing rename k of a member makes every earlier rename of it visible at that moment.
        var pending = members.ToDictionary(m => m, _ => new SortedList<int, long>(), StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        var refused = 0;
        var total = rate * seconds;
        var start = Stopwatch.GetTimestamp();
        using var watching = new CancellationTokenSource();
        var after = await feed.GetLastSequence();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                await feed.WaitForNew(after, TimeSpan.FromMilliseconds(200));
                var page = await feed.Read(after, 1000);
                foreach (var entry in page.Entries)
                {
                    after = entry.Sequence;
                    if (entry.Account?.Profile.DisplayName is { } name && name.StartsWith("b3-", StringComparison.Ordinal)
                        && int.TryParse(name.AsSpan(3), CultureInfo.InvariantCulture, out var k))
                    {
                        Resolve(pending[members[k % members.Length]], k, latencies);
                    }
                }
            }
        });

        using var inFlight = new SemaphoreSlim(512);
        var posts = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            await inFlight.WaitAsync();
            var n = next();
            var userId = members[n % members.Length];
            var name = "b3-" + n.ToString(CultureInfo.InvariantCulture);
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    company.UpdateMember(userId, m => m with { Name = name });
                    var xml = $"<xml><ToUserName><![CDATA[{company.CorpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                        + $"<CreateTime>{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                        + $"<Event><![CDATA[change_contact]]></Event><ChangeType>update_user</ChangeType><UserID><![CDATA[{userId}]]></UserID>"
                        + $"<Name><![CDATA[{name}]]></Name></xml>";
                    var encrypted = crypto.Encrypt(xml);
                    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    var nonce = n.ToString(CultureInfo.InvariantCulture);
                    using var body = new StringContent(
                        WeComCallbackCrypto.CreateXmlCallbackBody(company.CorpId, "1000002", encrypted), Encoding.UTF8, "text/xml");
                    var mine = pending[userId];
                    lock (mine)
                    {
                        mine.Add(n, Stopwatch.GetTimestamp());
                    }

                    using var response = await http.PostAsync(
                        new Uri($"{path}?msg_signature={crypto.Sign(timestamp, nonce, encrypted)}&timestamp={timestamp}&nonce={nonce}", UriKind.Relative), body);
                    if (!response.IsSuccessStatusCode)
                    {
                        lock (mine)
                        {
                            mine.Remove(n);
                        }

                        Interlocked.Increment(ref refused);
                    }
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(posts);
        var answered = total / Stopwatch.GetElapsedTime(start).TotalSeconds;
        var drained = Stopwatch.StartNew();
        while (latencies.Count + refused < total && drained.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await watching.CancelAsync();
        foreach (var list in pending.Values)
        {
            lock (list)
            {
                list.Clear(); // not seen within the drain: not counted, and not carried into the next round
            }
        }

        await watcher;
        var sorted = latencies.Order().ToArray();
        return new Round(
            total, answered, sorted.Length, sorted.Length / elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99), refused);
    }

    private static void Resolve(SortedList<int, long> pending, int seen, ConcurrentBag<double> latencies)
    {
        lock (pending)
        {
            while (pending.Count > 0 && pending.Keys[0] <= seen)
            {
                latencies.Add(Stopwatch.GetElapsedTime(pending.Values[0]).TotalMilliseconds);
                pending.RemoveAt(0);
            }
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record Round(int Posted, double Answered, int Visible, double Sustained, double P50, double P99, int Refused);
}
