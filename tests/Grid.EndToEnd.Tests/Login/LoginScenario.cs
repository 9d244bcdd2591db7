using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Sync;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.WeCom.Simulator.Model;
using Grpc.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace Grid.EndToEnd.Tests.Login;

/// <summary>
/// A tenant whose connector signs in through the fixture's simulated WeCom: its three domains are the host's HTTP
/// domain (as is the simulated app's trusted domain), and a first full sync has made the accounts.
/// </summary>
public sealed class LoginScenario
{
    public const string ConnectorId = "main";

    private LoginScenario(GridHostFixture host, string tenantId, string token)
    {
        Host = host;
        TenantId = tenantId;
        Auth = GridHostFixture.Bearer(token);
    }

    public GridHostFixture Host { get; }

    public string TenantId { get; }

    /// <summary>Call metadata with a token of scopes admin, directory.read and auth.frontend.</summary>
    public Metadata Auth { get; }

    public string Domain => $"{Host.HttpAddress.Host}:{Host.HttpAddress.Port}";

    public Contracts.V1.Auth.AuthClient AuthClient => new(Host.Channel);

    public static async Task<LoginScenario> StartAsync(GridHostFixture host, Action<ConfigureWeComRequest>? configure = null)
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead, GridScopes.AuthFrontend);
        var scenario = new LoginScenario(host, tenantId, token);
        var company = host.Simulator.Company;
        company.UpdateApp(company.DefaultApp.AgentId, app => app with { TrustedDomain = scenario.Domain });
        var request = ConnectorSamples.ForSimulator(host, tenantId, ConnectorId);
        request.Settings.LoginPageDomain = scenario.Domain;
        request.Settings.AuthorizedCallbackDomain = scenario.Domain;
        request.Settings.RedirectDomain = scenario.Domain;
        configure?.Invoke(request);
        await host.AdminClient().ConfigureWeComAsync(request, scenario.Auth);

        var coordinator = host.Grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ConnectorId));
        var run = await coordinator.Start(dryRun: false, "e2e");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Abstractions.Sync.SyncRun? last = null;
        await foreach (var update in coordinator.Watch(run.RunId, timeout.Token))
        {
            last = update;
        }

        Assert.True(last is { State: Abstractions.Sync.SyncRunState.Succeeded }, $"the first sync ended {last?.State}: {last?.Message}");
        return scenario;
    }

    /// <summary>A member who may sign in (active, in the app's scope).</summary>
    public SimulatedMember ActiveMember(int skip = 0) =>
        Host.Simulator.Company.Members.Where(m => m.Status == MemberStatus.Active).Skip(skip).First();

    public Task<BeginWeComLoginResponse> BeginAsync(WeComLoginMode mode, string? returnTo = null, string? knownUserId = null) =>
        AuthClient.BeginWeComLoginAsync(
            new BeginWeComLoginRequest
            {
                TenantId = TenantId,
                ConnectorId = ConnectorId,
                Mode = mode,
                ReturnTo = returnTo ?? "",
                KnownUserid = knownUserId ?? "",
            },
            Auth).ResponseAsync;

    /// <summary>Opens WeCom's URL as the member (the simulator's sim_userid) and returns the code and state it sends back.</summary>
    public static async Task<(string Code, string State, Uri Redirect)> AuthorizeAsync(string url, string userId, string? consent = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var address = url.Replace("#wechat_redirect", "", StringComparison.Ordinal) + "&sim_userid=" + Uri.EscapeDataString(userId)
            + (consent is null ? "" : "&sim_consent=" + Uri.EscapeDataString(consent));
        using var response = await http.GetAsync(new Uri(address));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Found, $"WeCom answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);
        return (query["code"].ToString(), query["state"].ToString(), location);
    }

    public Task<CompleteWeComLoginResponse> CompleteAsync(string state, string code, string binding) =>
        AuthClient.CompleteWeComLoginAsync(
            new CompleteWeComLoginRequest { TenantId = TenantId, State = state, Code = code, BrowserBinding = binding }, Auth).ResponseAsync;

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
