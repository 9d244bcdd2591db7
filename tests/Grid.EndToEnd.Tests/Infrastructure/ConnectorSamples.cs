using Grid.Abstractions;
using Grid.Contracts.V1;
using Grid.WeCom.Simulator.Model;

namespace Grid.EndToEnd.Tests.Infrastructure;

/// <summary>Connector settings that pass the connector's validation.</summary>
public static class ConnectorSamples
{
    public const string AppSecret = "app-secret-0123456789";
    public const string CallbackToken = "Token123";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE";

    /// <summary>A connector for the fixture's simulated company, with its default application.</summary>
    public static ConfigureWeComRequest ForSimulator(GridHostFixture host, string tenantId, string connectorId) =>
        ForCompany(host.Simulator.Company, tenantId, connectorId);

    /// <summary>
    /// A connector for one of the simulator's companies, with its default application. A trusted IP belongs to one
    /// corp: each company of a host needs its own (the fixture's company has 127.0.0.1).
    /// </summary>
    public static ConfigureWeComRequest ForCompany(SimulatedCompany company, string tenantId, string connectorId, string trustedIp = "127.0.0.1")
    {
        var request = Configure(tenantId, connectorId, company.CorpId, trustedIp);
        request.Settings.AgentId = company.DefaultApp.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.Settings.AppSecret = company.DefaultApp.Secret;
        return request;
    }

    public static ConfigureWeComRequest Configure(string tenantId, string connectorId, string corpId = "ww0123456789abcdef", params string[] trustedIps) => new()
    {
        TenantId = tenantId,
        ConnectorId = connectorId,
        Settings = new WeComSettings
        {
            DisplayName = "Main corp",
            CorpId = corpId,
            AgentId = "1000002",
            AppSecret = AppSecret,
            CallbackToken = CallbackToken,
            CallbackEncodingAesKey = EncodingAesKey,
            LoginPageDomain = "sso.example.com",
            AuthorizedCallbackDomain = "sso.example.com",
            RedirectDomain = "sso.example.com",
            TrustedIps = { trustedIps.Length == 0 ? ["203.0.113.10"] : trustedIps },
            SyncOrganizationId = GridKeys.RootOrganizationId,
            Features = new ConnectorFeatures { ContactSync = true, QrLogin = true, WebLogin = true, PasswordFallback = true },
        },
    };
}
