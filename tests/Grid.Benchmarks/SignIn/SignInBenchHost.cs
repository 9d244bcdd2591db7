using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Contracts.V1;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Model;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace Grid.Benchmarks.SignIn;

/// <summary>
/// The real Grid.Host (dev profile, one silo) in this process on loopback with a small simulated company, a tenant
/// whose connector allows QR login (its domains the host's own, as the simulated app's) and the password fallback,
/// the company synchronized (its members' accounts), one account with a password, and a front end's token.
/// <paramref name="configure"/> changes the host before it is built (e.g. drops metrics to measure what they cost).
/// </summary>
internal sealed class SignInBenchHost(int members, Action<WebApplicationBuilder>? configure = null)
    : DevGridHost("grid-bench-signin-", new SimulatorOptions { Members = members, Departments = 2 }), IAsyncDisposable
{
    public const string TenantId = "bench";
    public const string ConnectorId = "main";
    public const string Username = "bench-user";
    public const string Password = "bench password 1";

    public GrpcChannel Channel { get; private set; } = null!;

    public Metadata Frontend { get; private set; } = null!;

    /// <summary>Members who can sign in with WeCom (active, with an account).</summary>
    public IReadOnlyList<string> SignInUserIds { get; private set; } = [];

    /// <param name="members">The simulated company's members, whose accounts the WeCom sign-ins take in turn.</param>
    /// <param name="configure">Changes to the host before it is built; none by default.</param>
    public static async Task<SignInBenchHost> StartAsync(int members, Action<WebApplicationBuilder>? configure = null)
    {
        var host = new SignInBenchHost(members, configure);
        await host.StartHostAsync().ConfigureAwait(false);
        host.Channel = GrpcChannel.ForAddress(host.GrpcAddress);
        await host.SeedAsync().ConfigureAwait(false);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await StopHostAsync().ConfigureAwait(false);
    }

    protected override void ConfigureHost(WebApplicationBuilder builder) => configure?.Invoke(builder);

    private async Task SeedAsync()
    {
        await Grains.GetGrain<ITenantGrain>(GridKeys.Tenant(TenantId)).Create("Benchmark", "UTC").ConfigureAwait(false);
        var admin = await TokenAsync(GridScopes.Admin).ConfigureAwait(false);
        Frontend = await TokenAsync(GridScopes.AuthFrontend).ConfigureAwait(false);
        var domain = $"{HttpAddress.Host}:{HttpAddress.Port}";
        var company = Simulator.Company;
        company.UpdateApp(company.DefaultApp.AgentId, app => app with { TrustedDomain = domain });
        await new Admin.AdminClient(Channel).ConfigureWeComAsync(new ConfigureWeComRequest
        {
            TenantId = TenantId,
            ConnectorId = ConnectorId,
            Settings = new WeComSettings
            {
                DisplayName = "Benchmark corp",
                CorpId = Simulator.Company.CorpId,
                AgentId = Simulator.Company.DefaultApp.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                AppSecret = Simulator.Company.DefaultApp.Secret,
                CallbackToken = "Token123",
                CallbackEncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE",
                LoginPageDomain = domain,
                AuthorizedCallbackDomain = domain,
                RedirectDomain = domain,
                TrustedIps = { "203.0.113.10" },
                SyncOrganizationId = GridKeys.RootOrganizationId,
                Features = new ConnectorFeatures { ContactSync = true, QrLogin = true, PasswordFallback = true },
            },
        }, admin).ConfigureAwait(false);
        await SyncAsync().ConfigureAwait(false);
        SignInUserIds = [.. company.Members.Where(m => m.Status == MemberStatus.Active).Select(m => m.UserId)];
        var accountId = GridKeys.NewAccountId();
        await Grains.GetGrain<IAccountGrain>(GridKeys.Account(TenantId, accountId))
            .Create(AccountSpec.Active(new AccountProfile(Username, "Bench User", null, null), GridKeys.RootOrganizationId)).ConfigureAwait(false);
        await new Admin.AdminClient(Channel).SetAccountPasswordAsync(
            new SetAccountPasswordRequest { TenantId = TenantId, AccountId = accountId, Password = Password }, admin).ConfigureAwait(false);
    }

    private async Task SyncAsync()
    {
        var coordinator = Grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(TenantId, ConnectorId));
        var run = await coordinator.Start(dryRun: false, "bench").ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Abstractions.Sync.SyncRun? last = null;
        await foreach (var update in coordinator.Watch(run.RunId, timeout.Token).ConfigureAwait(false))
        {
            last = update;
        }

        if (last is not { State: Abstractions.Sync.SyncRunState.Succeeded })
        {
            throw new InvalidOperationException($"The benchmark's first sync ended {last?.State}: {last?.Message}");
        }
    }

    private async Task<Metadata> TokenAsync(string scope)
    {
        var clientId = ServiceClientIds.New(TenantId);
        var secret = await Grains.GetGrain<IServiceClientGrain>(clientId)
            .Create(new ServiceClientRegistration(TenantId, "bench", [scope], "bench")).ConfigureAwait(false);
        var token = await new Auth.AuthClient(Channel).IssueTokenAsync(new IssueTokenRequest { ClientId = clientId, ClientSecret = secret });
        return new Metadata { { "authorization", $"Bearer {token.AccessToken}" } };
    }
}
