using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Grid.Abstractions.Auth;
using Grid.EndToEnd.Tests.Infrastructure;

namespace Grid.EndToEnd.Tests.Interop;

/// <summary>Runs tests/interop/node/client.js (grpc-js, protos loaded directly) against the real host.</summary>
[Collection(GridHostCollection.Name)]
public sealed class NodeClientTests(GridHostFixture host)
{
    private static readonly JsonFormatter ProtoJson = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    [Fact]
    public async Task NodeClient_GetsATokenConfiguresSyncsLooksUpAndSignsIn_AndExitsZero()
    {
        var nodeDirectory = NodeDirectory();
        if (!Directory.Exists(Path.Combine(nodeDirectory, "node_modules")))
        {
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], nodeDirectory, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm ci failed:\n{install.Output}\n{install.Error}");
        }

        var tenantId = await host.CreateTenantAsync("node");
        var (clientId, secret) = await host.CreateClientAsync(tenantId, GridScopes.Admin, GridScopes.DirectoryRead, GridScopes.AuthFrontend);
        var domain = $"{host.HttpAddress.Host}:{host.HttpAddress.Port}";
        var work = Directory.CreateTempSubdirectory("grid-node-").FullName;
        try
        {
            var credentials = Path.Combine(work, "credentials.json");
            await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["tenant_id"] = tenantId, ["client_id"] = clientId, ["client_secret"] = secret,
            }));
            var connector = ConnectorSamples.ForSimulator(host, tenantId, "unused");
            connector.TenantId = "";
            connector.ConnectorId = "";
            connector.Settings.LoginPageDomain = domain;
            connector.Settings.AuthorizedCallbackDomain = domain;
            connector.Settings.RedirectDomain = domain;
            var connectorFile = Path.Combine(work, "connector.json");
            await File.WriteAllTextAsync(connectorFile, ProtoJson.Format(connector));

            var run = await RunAsync(
                "node", ["client.js", host.GrpcAddress.ToString(), credentials, connectorFile], nodeDirectory, TimeSpan.FromMinutes(2));

            Assert.True(run.ExitCode == 0, $"client.js exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
            var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains("anonymous call refused: UNAUTHENTICATED", lines);
            Assert.Contains(lines, l => l.StartsWith($"token ok tenant={tenantId} scopes=admin,directory.read,auth.frontend", StringComparison.Ordinal));
            Assert.Contains("configure ok connector=node-interop has_app_secret=true", lines);
            Assert.Contains(lines, l => l.StartsWith("sync ended state=SYNC_RUN_STATE_SUCCEEDED", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("lookup ok account=", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("lookup by wecom userid ok", StringComparison.Ordinal));
            Assert.Contains($"begin wecom login ok redirect_uri=http://{domain}/t/{tenantId}/login/wecom/callback", lines);
            Assert.Contains("unknown account: NOT_FOUND", lines);
            Assert.Contains(lines, l => l.StartsWith("validate token ok account=", StringComparison.Ordinal) && l.EndsWith("amr=pwd", StringComparison.Ordinal));
            Assert.Contains("revoked token: UNAUTHENTICATED", lines);
            Assert.Equal("interop ok", lines[^1]);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>tests/interop/node of the repository.</summary>
    internal static string NodeDirectory() => Path.Combine(RepositoryRoot(), "tests", "interop", "node");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "protos", "grid", "v1")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with protos/grid/v1) above {AppContext.BaseDirectory}.");
    }

    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string fileName, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }
}
