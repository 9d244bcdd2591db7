using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Grid.EndToEnd.Tests.Sync;

/// <summary>
/// Grid.Host as a process of its own in the cluster profile on the test PostgreSQL, run from the Grid.Host.dll that
/// the project reference copies next to the test assembly. <see cref="Kill"/> is a real crash: SIGKILL, no shutdown,
/// no chance to leave the cluster or finish a write.
/// </summary>
public sealed class SyncHostProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 80;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SyncHostProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    public static SyncHostProcess Start(string serviceId, string masterKey, int siloPort, int gatewayPort, IEnumerable<string> extraArguments)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Grid.Host.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Every silo unseals the connector's secrets, so they share the key; through the environment, not the command line.
        start.Environment["Grid__Secrets__MasterKey"] = masterKey;
        string[] arguments =
        [
            hostDll,
            "--Grid:Profile=cluster",
            $"--ConnectionStrings:Grid={PooledConnectionString()}",
            $"--Grid:Silo:ServiceId={serviceId}",
            $"--Grid:Silo:ClusterId={serviceId}",
            $"--Grid:Silo:SiloPort={siloPort}",
            $"--Grid:Silo:GatewayPort={gatewayPort}",
            "--Grid:Endpoints:Http=http://127.0.0.1:0",
            "--Grid:Endpoints:Grpc=http://127.0.0.1:0",
            .. extraArguments,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var host = new SyncHostProcess(process, siloPort);
        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    // Several silos share the test server's connections (max_connections 200): each gets a bounded pool.
    private static string PooledConnectionString() =>
        new NpgsqlConnectionStringBuilder(SyncPostgres.ConnectionString) { MaxPoolSize = 40 }.ConnectionString;

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
    }

    public override string ToString() => $"Grid.Host process, silo port {SiloPort}";

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
