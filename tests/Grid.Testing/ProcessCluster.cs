using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;

namespace Grid.Testing;

/// <summary>
/// Grid.Host silos, each a process of its own (<see cref="ClusterHostProcess"/>: cluster profile, the test PostgreSQL,
/// one service id), on fixed loopback HTTP and gRPC ports, and an external client that finds them through the
/// membership table. Silos are killed (SIGKILL), stopped (SIGTERM) and replaced one by one, or the whole cluster is
/// stopped and started again on the same storage. Every wait is bounded by <see cref="Timeout"/> and fails with the
/// silos' recent output.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly string[] _settings;
    private readonly List<ClusterSilo> _started = [];
    private ImmutableArray<ClusterSilo> _running = [];
    private PostgresClusterClient? _client;

    private ProcessCluster(string serviceId, TimeSpan timeout, string[] settings)
    {
        ServiceId = serviceId;
        Timeout = timeout;
        _settings = settings;
    }

    public string ServiceId { get; }

    /// <summary>The bound of every wait on the silos (start, join, stop, death).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The silos started and neither killed nor stopped, oldest first; safe to read from any thread.</summary>
    public ImmutableArray<ClusterSilo> Running => _running;

    public IClusterClient Grains => (_client ?? throw new InvalidOperationException("The cluster is stopped.")).Client;

    /// <summary>
    /// Starts <paramref name="silos"/> silos with <paramref name="settings"/> (command-line settings of every silo,
    /// after the cluster defaults), connects the client and waits until every silo is Active.
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(string serviceId, int silos, TimeSpan timeout, params string[] settings)
    {
        var cluster = new ProcessCluster(serviceId, timeout, settings);
        try
        {
            await cluster.StartSilosAsync(silos);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo and waits until it has joined: Active, with every other running silo.</summary>
    public async Task<ClusterSilo> AddSiloAsync()
    {
        var silo = Launch();
        await WaitForMembershipAsync();
        return silo;
    }

    /// <summary>SIGKILL: no goodbye to the cluster; the others declare it dead (see <see cref="WaitForMembershipAsync"/>).</summary>
    public void Kill(ClusterSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        _running = _running.Remove(silo);
        silo.Process.Kill();
    }

    /// <summary>
    /// Stops a silo gracefully (SIGTERM), then waits until the membership has only the running silos Active. The
    /// process must exit with 0.
    /// </summary>
    public async Task StopSiloAsync(ClusterSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        _running = _running.Remove(silo);
        await silo.Process.StopAsync(Timeout);
        if (silo.Process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{silo} exited with {silo.Process.ExitCode} after SIGTERM:{Environment.NewLine}{silo.Process.RecentOutput}");
        }

        await WaitForMembershipAsync();
    }

    /// <summary>Stops the client, then every silo at once (SIGTERM), as an operator stopping the whole cluster.</summary>
    public async Task StopAllAsync()
    {
        await DisconnectAsync();
        var silos = _running;
        _running = [];
        await Task.WhenAll(silos.Select(silo => silo.Process.StopAsync(Timeout)));
        if (silos.FirstOrDefault(silo => silo.Process.ExitCode != 0) is { } failed)
        {
            throw new InvalidOperationException($"{failed} exited with {failed.Process.ExitCode} after SIGTERM:{Environment.NewLine}{failed.Process.RecentOutput}");
        }
    }

    /// <summary>Starts <paramref name="silos"/> new silos on the same storage, reconnects and waits until all are Active.</summary>
    public async Task StartSilosAsync(int silos)
    {
        await DisconnectAsync();
        for (var i = 0; i < silos; i++)
        {
            Launch();
        }

        await ConnectAsync();
        await WaitForMembershipAsync();
    }

    /// <summary>The running silo that holds <paramref name="grain"/>'s activation (activating it if need be).</summary>
    public async Task<ClusterSilo> SiloOfAsync(IAddressable grain)
    {
        var address = await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain)
            ?? throw new InvalidOperationException($"{grain} has no activation.");
        return _running.Single(silo => silo.Process.SiloPort == address.Endpoint.Port);
    }

    /// <summary>
    /// Waits until the silos Active in the cluster are exactly the running ones: started ones have joined, stopped
    /// ones have left, killed ones are declared dead. Fails at once when a running silo's process exits.
    /// </summary>
    public async Task WaitForMembershipAsync()
    {
        var expected = _running.Select(silo => silo.Process.SiloPort).Order().ToArray();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var seen = "(nothing read yet)";
        while (true)
        {
            if (_running.FirstOrDefault(silo => silo.Process.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"{exited} exited:{Environment.NewLine}{Outputs()}");
            }

            try
            {
                var active = await Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
                var ports = active.Keys.Select(silo => silo.Endpoint.Port).Order().ToArray();
                if (ports.SequenceEqual(expected))
                {
                    return;
                }

                seen = "active " + string.Join(", ", ports);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // While membership changes, the gateway the client asks may be the one that just left.
                seen = error.GetType().Name + ": " + error.Message;
            }

            if (clock.Elapsed > Timeout)
            {
                throw new TimeoutException(
                    $"Waited {Timeout.TotalSeconds:0} s for exactly the silos on ports {string.Join(", ", expected)} to be Active; last seen: {seen}"
                    + Environment.NewLine + Outputs());
            }

            await timer.WaitForNextTickAsync();
        }
    }

    /// <summary>Every silo started so far with its last output lines, for failure messages.</summary>
    public string Outputs() => string.Join(
        Environment.NewLine,
        _started.Select(silo => $"--- {silo}{(silo.Process.HasExited ? " (exited)" : "")}:{Environment.NewLine}{silo.Process.RecentOutput}"));

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        foreach (var silo in _started)
        {
            await silo.Process.DisposeAsync();
        }
    }

    private ClusterSilo Launch()
    {
        var ports = LoopbackPorts.Free(4);
        var http = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ports[2]}"));
        var grpc = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ports[3]}"));
        var process = ClusterHostProcess.Start(ServiceId, ServiceId, ports[0], ports[1],
        [
            $"--Grid:Endpoints:Http={http.ToString().TrimEnd('/')}",
            $"--Grid:Endpoints:Grpc={grpc.ToString().TrimEnd('/')}",
            .. _settings,
        ]);
        var silo = new ClusterSilo(process, http, grpc);
        _started.Add(silo);
        _running = _running.Add(silo);
        return silo;
    }

    private async Task ConnectAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                _client = await PostgresClusterClient.ConnectAsync(ServiceId, ServiceId, gatewayListRefresh: TimeSpan.FromSeconds(1));
                return;
            }
            catch (Exception error) when (clock.Elapsed < Timeout && error is not OperationCanceledException)
            {
                // No gateway is Active in the membership table yet: the processes are still starting.
                if (_running.FirstOrDefault(silo => silo.Process.HasExited) is { } exited)
                {
                    throw new InvalidOperationException($"{exited} exited while starting:{Environment.NewLine}{Outputs()}", error);
                }
            }
        }
    }

    private async Task DisconnectAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            await client.DisposeAsync();
        }
    }
}

/// <summary>One silo of a <see cref="ProcessCluster"/>: its process and where its HTTP and gRPC endpoints listen.</summary>
public sealed record ClusterSilo(ClusterHostProcess Process, Uri HttpAddress, Uri GrpcAddress)
{
    public override string ToString() => $"{Process} (HTTP {HttpAddress.Port}, gRPC {GrpcAddress.Port})";
}
