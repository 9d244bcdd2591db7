using System.Diagnostics;
using Grid.Testing;

namespace Grid.EndToEnd.Tests.Telemetry;

/// <summary>
/// Orleans', ASP.NET Core's and the runtime's meters at <c>/metrics</c>, from Grid.Host in a process of its own.
/// Orleans and ASP.NET Core create their meters per host (through the host's IMeterFactory), and OpenTelemetry merges
/// same-named instruments of every host in a process: when another in-process test host stops, the merged stream ends
/// for all of them. One host per process, as in production, keeps them.
/// </summary>
public sealed class OrleansMetersTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GridHost_InAProcessOfItsOwn_PublishesOrleansAspNetCoreAndRuntimeMeters()
    {
        var ports = LoopbackPorts.Free(4);
        var workDirectory = Directory.CreateTempSubdirectory("grid-orleans-meters-").FullName;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Grid.Host.dll"),
            "--Grid:Profile=dev",
            $"--Grid:Endpoints:Http=http://127.0.0.1:{ports[0]}",
            $"--Grid:Endpoints:Grpc=http://127.0.0.1:{ports[1]}",
            $"--Grid:Silo:SiloPort={ports[2]}",
            $"--Grid:Silo:GatewayPort={ports[3]}",
            $"--Grid:Auth:DevCredential:Path={Path.Combine(workDirectory, "credentials.json")}",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}") };
            await Eventually.MatchAsync(
                async () => await TryGetAsync(http, "/healthz"),
                body => body is not null, Bound, "the host process to be ready", _ => process.HasExited ? "exited" : "not ready");

            var scrape = await Eventually.MatchAsync(
                async () => await TryGetAsync(http, "/metrics") ?? "",
                text => text.Contains("\norleans_", StringComparison.Ordinal), Bound, "Orleans' series in /metrics", text => text);

            Assert.Contains("\nhttp_server_request_duration_seconds_bucket", scrape, StringComparison.Ordinal);
            Assert.Contains("\nkestrel_", scrape, StringComparison.Ordinal);
            Assert.Contains("\ndotnet_", scrape, StringComparison.Ordinal);
            Assert.DoesNotContain("\naspnetcore_routing_match_attempts", scrape, StringComparison.Ordinal);
            Assert.DoesNotContain("\naspnetcore_memory_pool_", scrape, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    private static async Task<string?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
