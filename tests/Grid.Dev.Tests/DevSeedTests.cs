using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Tenants;
using Grid.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Dev.Tests;

public sealed class DevSeedTests
{
    [Fact]
    public async Task DevSeed_ClaimsItsConnectorsTrustedIp_SoAnotherCorpIsRefusedIt()
    {
        await WithDemoAsync(async host =>
        {
            var seeded = await host.Grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector("demo", "wecom")).Get();
            var tenantId = "t-" + Guid.NewGuid().ToString("N")[..12];
            await host.Grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Other corp", "UTC");

            var error = await Assert.ThrowsAsync<GridException>(() => host.Grains
                .GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, "main"))
                .Configure(OtherCorp(), "test"));

            Assert.Equal<string>(["127.0.0.1"], seeded!.EgressIps);
            Assert.Equal("egress_ips[0]", error.Field);
            Assert.Contains("another WeCom corp", error.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task DevSeed_GivesTheDemoConnectorAndTheSimulatedApp_TheHostsBoundDomain_NotAFixedPort()
    {
        await WithDemoAsync(async host =>
        {
            var seeded = await host.Grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector("demo", "wecom")).Get();
            var simulator = host.App.Services.GetRequiredService<Grid.WeCom.Simulator.Hosting.WeComSimulatorHost>();
            var domain = $"{host.HttpAddress.Host}:{host.HttpAddress.Port}";

            Assert.NotEqual(5080, host.HttpAddress.Port);
            Assert.Equal(domain, seeded!.LoginPageDomain);
            Assert.Equal(domain, seeded.AuthorizedCallbackDomain);
            Assert.Equal(domain, seeded.TrustedDomain);
            Assert.Equal(domain, simulator.Company.DefaultApp.TrustedDomain);
        });
    }

    // The dev launcher with its demo (in-process simulator of 10 members), in a work directory of its own.
    private static async Task WithDemoAsync(Func<InProcessGridHost, Task> test)
    {
        var work = Directory.CreateTempSubdirectory("grid-devseed-").FullName;
        try
        {
            await using var host = await InProcessGridHost.StartAsync(
            [
                .. GridHostArguments.Dev(Path.Combine(work, "credentials.json")),
                "--Grid:Dev:SimulatorPort=0", "--Grid:Dev:Members=10", "--Grid:Dev:Departments=2",
            ], args => DevApp.Build(args));
            await test(host);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static WeComConnectorSettings OtherCorp() => new(
        DisplayName: "Other",
        CorpId: "wwotherotherother1",
        AgentId: "1000002",
        AppSecret: "app-secret-0123456789",
        CallbackToken: "Token123",
        EncodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE",
        TrustedDomain: null,
        AuthorizedCallbackDomain: null,
        LoginPageDomain: null,
        EgressIps: ["::ffff:127.0.0.1"],
        SyncNodeOrganizationId: GridKeys.RootOrganizationId,
        MatchRule: null,
        FieldMappings: null,
        UserIdChangeMode: UserIdChangeMode.Rebind,
        Thresholds: null,
        Schedule: null,
        Features: new LoginFeatures(ContactSync: true, QrLogin: false, WebLogin: false, PasswordFallback: true, SmsFallback: false));
}
