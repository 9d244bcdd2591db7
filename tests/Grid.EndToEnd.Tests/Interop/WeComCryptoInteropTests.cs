using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;

namespace Grid.EndToEnd.Tests.Interop;

/// <summary>
/// Runs tests/interop/node/callback.js: callbacks encrypted and signed by Tencent's official npm package
/// <c>@wecom/crypto</c> are accepted by the receiver, and a tampered one is refused.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class WeComCryptoInteropTests(GridHostFixture host)
{
    private const string CorpId = "ww0123456789abcdef";

    [Fact]
    public async Task CallbacksEncryptedByWeComsOwnPackage_AreAccepted_AndATamperedOneIsRefused()
    {
        var nodeDirectory = NodeClientTests.NodeDirectory();
        if (!System.IO.Directory.Exists(Path.Combine(nodeDirectory, "node_modules", "@wecom", "crypto")))
        {
            var install = await NodeClientTests.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], nodeDirectory, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm ci failed:\n{install.Output}\n{install.Error}");
        }

        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var connector = (await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main", CorpId), auth)).Connector;

        var run = await NodeClientTests.RunAsync(
            "node",
            ["callback.js", connector.CallbackUrl, ConnectorSamples.CallbackToken, ConnectorSamples.EncodingAesKey, CorpId, "interop-user"],
            nodeDirectory,
            TimeSpan.FromMinutes(1));
        var events = await host.AdminClient().ListWeComEventsAsync(new ListWeComEventsRequest { TenantId = tenantId, ConnectorId = "main" }, auth);

        Assert.True(run.ExitCode == 0, $"callback.js exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("accepted 200", lines);
        Assert.Contains("tampered 403", lines);
        var stored = Assert.Single(events.Events);
        Assert.Equal(("create_user", "interop-user"), (stored.ChangeType, stored.Userid));
    }
}
