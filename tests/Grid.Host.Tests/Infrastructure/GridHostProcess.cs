using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>
/// A Grid.Host silo in a process of its own (cluster profile, on the test PostgreSQL), started from the Grid.Host.dll
/// that the project reference copies next to the test assembly. Killing it is a real crash: SIGKILL, no shutdown.
/// </summary>
public sealed class GridHostProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 60;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private GridHostProcess(Process process, int siloPort, int gatewayPort)
    {
        this.process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, output);

    /// <summary>One master key for every host process of this test run (cluster members must agree on it).</summary>
    private static readonly string ClusterMasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static GridHostProcess Start(string serviceId, string clusterId, int siloPort, int gatewayPort)
    {
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

        // The silos share sealed state, so they share one master key; through the environment, not the command line.
        start.Environment["Grid__Secrets__MasterKey"] = ClusterMasterKey;
        string[] arguments =
        [
            hostDll,
            "--Grid:Profile=cluster",
            $"--ConnectionStrings:Grid={TestPostgres.ConnectionString}",
            $"--Grid:Silo:SiloPort={siloPort}",
            $"--Grid:Silo:GatewayPort={gatewayPort}",
            $"--Grid:Silo:ServiceId={serviceId}",
            $"--Grid:Silo:ClusterId={clusterId}",
            "--Grid:Endpoints:Http=http://127.0.0.1:0",
            "--Grid:Endpoints:Grpc=http://127.0.0.1:0",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var host = new GridHostProcess(process, siloPort, gatewayPort);
        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Free loopback ports, all distinct: held open together, then released for the processes to bind.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    /// <summary>SIGKILL: the silo gets no chance to leave the cluster or update its membership row.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    public override string ToString() => $"Grid.Host silo port {SiloPort} (gateway {GatewayPort})";

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > KeptOutputLines)
        {
            output.TryDequeue(out _);
        }
    }
}
