using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Grid.Testing;

/// <summary>
/// A Grid.Host silo in a process of its own (cluster profile, on the test PostgreSQL), started from the Grid.Host.dll
/// that the test project's reference to Grid.Host copies next to the test assembly. <see cref="Kill"/> is a real crash:
/// SIGKILL, no shutdown, no chance to leave the cluster or finish a write.
/// </summary>
public class ClusterHostProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 80;

    /// <summary>One master key for every host process of this test run: cluster members unseal each other's secrets.</summary>
    private static readonly string ClusterMasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    /// <summary>Starts the process; <paramref name="extraArguments"/> come last, so they override the defaults.</summary>
    protected ClusterHostProcess(string serviceId, string clusterId, int siloPort, int gatewayPort, IEnumerable<string> extraArguments)
    {
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Grid.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"Grid.Host.dll is not next to the test assembly ({AppContext.BaseDirectory}); the test project must reference Grid.Host.", hostDll);
        }

        // The SDK names the dotnet that runs the tests; fall back to the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Through the environment, not the command line, which other users of the machine can read.
        start.Environment["Grid__Secrets__MasterKey"] = ClusterMasterKey;
        start.ArgumentList.Add(hostDll);
        foreach (var argument in GridHostArguments.Cluster(PooledConnectionString(), serviceId, clusterId, siloPort, gatewayPort).Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        try
        {
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }
        catch
        {
            _process.Dispose();
            throw;
        }
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited (0 after a graceful stop).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The process id (benchmarks read the silo's memory from /proc).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Starts a silo of the cluster named by <paramref name="serviceId"/> and <paramref name="clusterId"/>.</summary>
    public static ClusterHostProcess Start(string serviceId, string clusterId, int siloPort, int gatewayPort, params string[] extraArguments) =>
        new(serviceId, clusterId, siloPort, gatewayPort, extraArguments);

    /// <summary>SIGKILL: the silo gets no chance to leave the cluster or update its membership row.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>
    /// SIGTERM, as an orchestrator stops a container: the silo leaves the cluster and the host shuts down; returns once
    /// the process has exited, or fails after <paramref name="timeout"/> with its last output.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{this} did not stop within {timeout.TotalSeconds:0} s of SIGTERM:{Environment.NewLine}{RecentOutput}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    public override string ToString() => $"Grid.Host silo port {SiloPort} (gateway {GatewayPort})";

    // Several silos share the test server's connections (max_connections 200): each gets a bounded pool.
    private static string PooledConnectionString() =>
        new NpgsqlConnectionStringBuilder(TestPostgresServer.ConnectionString) { MaxPoolSize = 40 }.ConnectionString;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines)
        {
            _output.TryDequeue(out _);
        }
    }
}
