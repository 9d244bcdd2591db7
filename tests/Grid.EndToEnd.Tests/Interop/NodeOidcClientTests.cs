using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.Oidc;
using Grid.EndToEnd.Tests.SignIn;

namespace Grid.EndToEnd.Tests.Interop;

/// <summary>Runs tests/interop/node/oidc.mjs (openid-client from npm) through the code flow against the real host.</summary>
[Collection(GridHostCollection.Name)]
public sealed class NodeOidcClientTests(GridHostFixture host)
{
    [Fact]
    public async Task OpenIdClient_CompletesTheCodeFlow_ValidatesTheIdToken_ReadsUserInfo_AndRefreshes()
    {
        var nodeDirectory = NodeClientTests.NodeDirectory();
        if (!Directory.Exists(Path.Combine(nodeDirectory, "node_modules", "openid-client")))
        {
            var install = await NodeClientTests.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], nodeDirectory, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm ci failed:\n{install.Output}\n{install.Error}");
        }

        using var client = await OidcClient.CreateAsync(host);
        var run = await NodeClientTests.RunAsync(
            "node",
            ["oidc.mjs", client.Issuer, client.Application.ClientId, client.Secret, OidcClient.RedirectUri, SignInTenant.ConnectorId, client.Tenant.Username, SignInTenant.Password],
            nodeDirectory,
            TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, $"oidc.mjs exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains($"discovery ok issuer={client.Issuer}", lines);
        Assert.Contains($"authorize ok redirect={OidcClient.RedirectUri}", lines);
        Assert.Contains($"tokens ok sub={client.Tenant.AccountId} preferred_username={client.Tenant.Username} email={client.Tenant.Email}", lines);
        Assert.Contains($"userinfo ok name=User {client.Tenant.Username}", lines);
        Assert.Contains("refresh ok rotated=true", lines);
        Assert.Equal("oidc ok", lines[^1]);
    }
}
