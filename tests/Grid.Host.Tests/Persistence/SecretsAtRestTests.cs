using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Tenants;
using Grid.Contracts.V1;
using Grid.Host.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Grid.Host.Tests.Persistence;

/// <summary>
/// One host in the cluster profile on the test PostgreSQL, logging at Trace into <see cref="CapturedLogs"/>, is given
/// every kind of secret through its real APIs: the corp (app) secret, the callback token and EncodingAESKey, a service
/// client's secret, an OpenID Connect application's client secret, an account password, and the refresh tokens of a
/// session (issued and rotated). Then: no log entry at any level, no API response and no error detail contains any of
/// them, and no raw grid_grain_state row of the host's service holds any of them in UTF-8 or UTF-16 (secrets sealed,
/// passwords, client secrets and refresh tokens hashed).
/// </summary>
public sealed class SecretsAtRestTests
{
    private const string ConnectorId = "main";

    [Fact]
    public async Task Secrets_NeverAppearInLogsResponsesOrErrors_AndAreSealedInTheRawStateRows()
    {
        var logs = new CapturedLogs();
        var serviceId = TestPostgresServer.NewServiceId("secrets");
        var ports = LoopbackPorts.Free(2);
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Members = 3, Departments = 1 });
        await using var host = await InProcessGridHost.StartAsync(
            [
                .. GridHostArguments.Cluster(TestPostgresServer.ConnectionString, serviceId, serviceId, ports[0], ports[1]),
                $"--Grid:Secrets:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                .. GridHostArguments.WeCom(simulator.BaseAddress),
                "--Logging:LogLevel:Default=Trace",
            ],
            args => GridApp.Build(args, builder => builder.Logging.AddProvider(logs)));
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var admin = new Admin.AdminClient(channel);
        var auth = new Auth.AuthClient(channel);
        var responses = new List<IMessage>();
        var errors = new List<string>();

        var tenantId = "sec-" + Guid.NewGuid().ToString("N")[..10];
        await host.Grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Secrets", "UTC");
        var clientId = ServiceClientIds.New(tenantId);
        var clientSecret = await host.Grains.GetGrain<IServiceClientGrain>(clientId)
            .Create(new ServiceClientRegistration(tenantId, "secrets", [GridScopes.Admin, GridScopes.AuthFrontend], "test"));
        var issued = await auth.IssueTokenAsync(new IssueTokenRequest { ClientId = clientId, ClientSecret = clientSecret });
        responses.Add(issued);
        var bearer = new Metadata { { "authorization", $"Bearer {issued.AccessToken}" } };

        var company = simulator.Company;
        var appSecret = company.DefaultApp.Secret;
        const string callbackToken = "CallbackTok3nSecret";
        var aesKey = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 43);
        responses.Add(await admin.ConfigureWeComAsync(
            new ConfigureWeComRequest
            {
                TenantId = tenantId,
                ConnectorId = ConnectorId,
                Settings = new WeComSettings
                {
                    DisplayName = "Secrets corp",
                    CorpId = company.CorpId,
                    AgentId = company.DefaultApp.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    AppSecret = appSecret,
                    CallbackToken = callbackToken,
                    CallbackEncodingAesKey = aesKey,
                    TrustedIps = { "127.0.0.1" },
                    SyncOrganizationId = GridKeys.RootOrganizationId,
                    Features = new ConnectorFeatures { ContactSync = true, PasswordFallback = true },
                },
            },
            bearer));
        responses.Add(await admin.GetWeComAsync(new GetWeComRequest { TenantId = tenantId, ConnectorId = ConnectorId }, bearer));
        responses.Add(await admin.ValidateWeComAsync(new ValidateWeComRequest { TenantId = tenantId, ConnectorId = ConnectorId }, bearer));

        var accountId = GridKeys.NewAccountId();
        const string password = "Pa55word-never-logged";
        await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenantId, accountId)).Create(
            AccountSpec.Active(new AccountProfile("secretuser", "Secret User", null, null), GridKeys.RootOrganizationId));
        responses.Add(await admin.SetAccountPasswordAsync(new SetAccountPasswordRequest { TenantId = tenantId, AccountId = accountId, Password = password }, bearer));
        var login = await auth.PasswordLoginAsync(
            new PasswordLoginRequest { TenantId = tenantId, ConnectorId = ConnectorId, Login = "secretuser", Password = password }, bearer);
        var refreshed = await auth.RefreshSessionAsync(new RefreshSessionRequest { TenantId = tenantId, RefreshToken = login.Session.RefreshToken }, bearer);
        var application = await admin.CreateApplicationAsync(
            new CreateApplicationRequest
            {
                TenantId = tenantId,
                DisplayName = "Secrets app",
                RedirectUris = { "https://app.example.com/signin-oidc" },
                Scopes = { "openid", "profile" },
            },
            bearer);
        var applicationSecret = application.ClientSecret;
        responses.Add(await admin.GetApplicationAsync(new GetApplicationRequest { TenantId = tenantId, ClientId = application.Application.ClientId }, bearer));
        responses.Add(await admin.ListApplicationsAsync(new ListApplicationsRequest { TenantId = tenantId }, bearer));
        responses.Add(await admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { TenantId = tenantId, PageSize = 500 }, bearer));

        // Refusals that carry a secret in the request: the detail must not echo it.
        errors.Add(await DetailAsync(() => auth.IssueTokenAsync(new IssueTokenRequest { ClientId = clientId, ClientSecret = clientSecret + "x" }).ResponseAsync));
        errors.Add(await DetailAsync(() => auth.PasswordLoginAsync(
            new PasswordLoginRequest { TenantId = tenantId, ConnectorId = ConnectorId, Login = "secretuser", Password = password + "x" }, bearer).ResponseAsync));
        errors.Add(await DetailAsync(() => auth.RefreshSessionAsync(
            new RefreshSessionRequest { TenantId = tenantId, RefreshToken = login.Session.RefreshToken }, bearer).ResponseAsync));
        errors.Add(await DetailAsync(() => admin.ConfigureWeComAsync(
            new ConfigureWeComRequest
            {
                TenantId = tenantId,
                ConnectorId = "other",
                Settings = new WeComSettings { CorpId = company.CorpId, AppSecret = appSecret, CallbackToken = callbackToken, CallbackEncodingAesKey = aesKey + "!" },
            },
            bearer).ResponseAsync));

        string[] secrets =
        [
            appSecret, callbackToken, aesKey, clientSecret, applicationSecret, password, login.Session.RefreshToken,
            refreshed.Session.RefreshToken,
            Convert.ToBase64String(Convert.FromBase64String(aesKey + "=")),
        ];
        var rows = await TestPostgres.QueryAsync(
            "SELECT state_name, payload FROM grid_grain_state WHERE service_id = @service AND payload IS NOT NULL",
            row => (Type: row.GetString(0), Payload: (byte[])row.GetValue(1)),
            ("service", serviceId));

        Assert.Contains(rows, row => row.Type == "wecom-connector");
        Assert.Contains(rows, row => row.Type == "account");
        Assert.Contains(rows, row => row.Type == "session");
        Assert.Contains(rows, row => row.Type == "service-client");
        Assert.Contains(rows, row => row.Type == "oidc-application");
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Trace);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Entries, entry => entry.Message.Contains(secret, StringComparison.Ordinal));
            Assert.All(responses, response => Assert.DoesNotContain(secret, JsonFormatter.Default.Format(response), StringComparison.Ordinal));
            Assert.All(errors, detail => Assert.DoesNotContain(secret, detail, StringComparison.Ordinal));
            foreach (var (type, payload) in rows)
            {
                Assert.False(Holds(payload, Encoding.UTF8.GetBytes(secret)) || Holds(payload, Encoding.Unicode.GetBytes(secret)), $"a '{type}' row holds a secret in clear");
            }
        }

        Assert.All(errors, detail => Assert.NotEmpty(detail));
    }

    private static bool Holds(byte[] payload, byte[] secret) => payload.AsSpan().IndexOf(secret) >= 0;

    private static async Task<string> DetailAsync(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).Status.Detail;
}
