using System.Diagnostics;
using System.Globalization;
using Grid.Testing;

namespace Grid.Benchmarks.Scale;

/// <summary>
/// One or two Grid.Host silos, each a process of its own (cluster profile on the benchmark's PostgreSQL, WeCom pointed
/// at the simulator), an external client that finds them through the membership table, and each silo's memory as the
/// kernel counts it (/proc/{pid}/status: VmRSS now, VmHWM the peak).
/// </summary>
internal sealed class ScaleCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly ClusterHostProcess[] _silos;
    private readonly PostgresClusterClient _client;

    private ScaleCluster(ClusterHostProcess[] silos, PostgresClusterClient client, Uri grpc)
    {
        _silos = silos;
        _client = client;
        GrpcAddress = grpc;
    }

    public IClusterClient Client => _client.Client;

    /// <summary>The silos' process ids, for a profiler to attach to.</summary>
    public IEnumerable<int> ProcessIds => _silos.Select(silo => silo.ProcessId);

    /// <summary>The first silo's gRPC endpoint.</summary>
    public Uri GrpcAddress { get; }

    public static async Task<ScaleCluster> StartAsync(string serviceId, int silos, Uri wecom)
    {
        var origin = wecom.ToString().TrimEnd('/');
        var started = new List<ClusterHostProcess>();
        Uri? grpc = null;
        try
        {
            for (var i = 0; i < silos; i++)
            {
                var ports = LoopbackPorts.Free(3);
                grpc ??= new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ports[2]}"));
                started.Add(ClusterHostProcess.Start(serviceId, serviceId, ports[0], ports[1],
                    $"--WeCom:ApiBaseUrl={origin}",
                    $"--WeCom:OAuthBaseUrl={origin}",
                    $"--WeCom:LoginBaseUrl={origin}",
                    string.Create(CultureInfo.InvariantCulture, $"--Grid:Endpoints:Grpc=http://127.0.0.1:{ports[2]}"),
                    "--Logging:LogLevel:Default=Warning"));
            }

            var client = await ConnectAsync(serviceId, started);
            var management = client.Client.GetGrain<IManagementGrain>(0);
            var clock = Stopwatch.StartNew();
            while ((await management.GetHosts(onlyActive: true)).Count < silos)
            {
                Check(started, clock);
                await Task.Delay(200);
            }

            return new ScaleCluster([.. started], client, grpc!);
        }
        catch
        {
            foreach (var silo in started)
            {
                await silo.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The silos' resident memory now and at its peak (bytes, summed over the silos).</summary>
    public (long Rss, long PeakRss) Memory()
    {
        long rss = 0, peak = 0;
        foreach (var silo in _silos)
        {
            foreach (var line in File.ReadLines($"/proc/{silo.ProcessId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss += Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak += Kilobytes(line) * 1024;
                }
            }
        }

        return (rss, peak);
    }

    /// <summary>The CPU time the silo processes have used so far, summed.</summary>
    public TimeSpan Cpu() => _silos.Aggregate(TimeSpan.Zero, (sum, silo) => sum + ProcessCpu.Of(silo.ProcessId));

    /// <summary>Deactivates every activation idle for longer than <paramref name="idle"/>, on every silo.</summary>
    public Task CollectIdleAsync(TimeSpan idle) => Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(idle);

    /// <summary>Activations on all silos.</summary>
    public Task<int> ActivationsAsync() => Client.GetGrain<IManagementGrain>(0).GetTotalActivationCount();

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task<PostgresClusterClient> ConnectAsync(string serviceId, List<ClusterHostProcess> silos)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await PostgresClusterClient.ConnectAsync(serviceId, serviceId, gatewayListRefresh: TimeSpan.FromSeconds(1));
            }
            catch (Exception error) when (clock.Elapsed < StartTimeout && error is not OperationCanceledException)
            {
                // No gateway is Active in the membership table yet: the processes are still starting.
                Check(silos, clock);
            }
        }
    }

    private static void Check(List<ClusterHostProcess> silos, Stopwatch clock)
    {
        if (silos.FirstOrDefault(s => s.HasExited) is { } exited)
        {
            throw new InvalidOperationException($"{exited} exited while starting:{Environment.NewLine}{exited.RecentOutput}");
        }

        if (clock.Elapsed > StartTimeout)
        {
            throw new TimeoutException($"the silos did not become active within {StartTimeout}");
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
