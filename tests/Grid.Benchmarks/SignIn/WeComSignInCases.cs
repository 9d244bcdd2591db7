using System.Diagnostics;
using System.Globalization;
using Grid.Contracts.V1;
using Grid.WeCom;
using Grid.WeCom.Api;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Benchmarks.SignIn;

/// <summary>
/// CompleteWeComLogin under load and its floor in the same run: the simulator's own auth/getuserinfo, the one WeCom
/// call a completion makes (through the same WeComClient). Each call first begins a login and has the simulator issue
/// a code (untimed, as a browser would); only the completion (or the bare getuserinfo) is timed.
/// </summary>
internal sealed class WeComSignInCases : IAsyncDisposable
{
    private readonly SignInBenchHost _host;
    private readonly Auth.AuthClient _auth;
    private readonly HttpClient _browser = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly ServiceProvider _services;
    private readonly WeComClient _wecom;
    private readonly WeComApp _app;
    private int _next;

    public WeComSignInCases(SignInBenchHost host, Auth.AuthClient auth)
    {
        _host = host;
        _auth = auth;
        var company = host.Simulator.Company;
        _app = new WeComApp(company.CorpId, company.DefaultApp.AgentId.ToString(CultureInfo.InvariantCulture), company.DefaultApp.Secret);
        _services = new ServiceCollection()
            .AddLogging()
            .AddWeComClient(host.Simulator.ClientConfiguration(new Dictionary<string, string?> { ["WeCom:RequestTimeout"] = "00:01:00" }))
            .BuildServiceProvider(validateScopes: true);
        _wecom = _services.GetRequiredService<WeComClient>();
    }

    /// <summary>The floor: the simulator answering auth/getuserinfo for a fresh code.</summary>
    public async Task<long> GetUserInfoAsync()
    {
        var (_, code, _) = await AuthorizeAsync().ConfigureAwait(false);
        var start = Stopwatch.GetTimestamp();
        await _wecom.GetUserInfoAsync(_app, code).ConfigureAwait(false);
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>A whole CompleteWeComLogin over gRPC: state redeemed, code exchanged, account resolved, session opened.</summary>
    public async Task<long> CompleteAsync()
    {
        var (begun, code, state) = await AuthorizeAsync().ConfigureAwait(false);
        var request = new CompleteWeComLoginRequest { TenantId = SignInBenchHost.TenantId, State = state, Code = code, BrowserBinding = begun.BrowserBinding };
        var start = Stopwatch.GetTimestamp();
        await _auth.CompleteWeComLoginAsync(request, _host.Frontend).ConfigureAwait(false);
        return Stopwatch.GetTimestamp() - start;
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _services.DisposeAsync().ConfigureAwait(false);
    }

    // Begins a QR login and lets the simulator's QR page issue a code for the next member, as a scan would.
    private async Task<(BeginWeComLoginResponse Begun, string Code, string State)> AuthorizeAsync()
    {
        var begun = await _auth.BeginWeComLoginAsync(
            new BeginWeComLoginRequest { TenantId = SignInBenchHost.TenantId, ConnectorId = SignInBenchHost.ConnectorId, Mode = WeComLoginMode.Qr },
            _host.Frontend).ConfigureAwait(false);
        var userIds = _host.SignInUserIds;
        var userId = userIds[(int)((uint)Interlocked.Increment(ref _next) % (uint)userIds.Count)];
        using var response = await _browser.GetAsync(new Uri(begun.Url + "&sim_userid=" + Uri.EscapeDataString(userId))).ConfigureAwait(false);
        var query = QueryHelpers.ParseQuery(response.Headers.Location?.Query
            ?? throw new InvalidOperationException($"The simulator issued no code ({(int)response.StatusCode})."));
        return (begun, query["code"].ToString(), query["state"].ToString());
    }
}
