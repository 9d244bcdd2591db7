using System.Globalization;
using Grid.WeCom.Api;
using Grid.WeCom.Simulator;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grid.WeCom.Tests.Simulator;

/// <summary>
/// A simulator on 127.0.0.1 (its clock a <see cref="FakeTimeProvider"/>) and Grid's real <see cref="WeComClient"/>
/// wired through <c>AddWeComClient</c> against it, with fast retries and client quotas off.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SimulatorHarness(WeComSimulatorHost host, FakeTimeProvider time, ServiceProvider services)
    {
        Host = host;
        Time = time;
        _services = services;
        Client = services.GetRequiredService<WeComClient>();
        var app = host.Company.DefaultApp;
        App = new WeComApp(host.Company.CorpId, app.AgentId.ToString(CultureInfo.InvariantCulture), app.Secret);
        Browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = host.BaseAddress };
    }

    public WeComSimulatorHost Host { get; }

    public WeComSimulator Simulator => Host.Simulator;

    public SimulatedCompany Company => Host.Company;

    /// <summary>The simulator's clock.</summary>
    public FakeTimeProvider Time { get; }

    public WeComClient Client { get; }

    /// <summary>The generated app's credentials, as Grid holds them.</summary>
    public WeComApp App { get; }

    public int AgentId => Company.DefaultApp.AgentId;

    /// <summary>A browser that does not follow redirects, so that tests read the code from Location.</summary>
    public HttpClient Browser { get; }

    /// <param name="company">The company to serve; a 300-member generated one when null.</param>
    /// <param name="clientSettings">WeCom:* settings overriding the harness defaults.</param>
    /// <param name="clientTime">The client's clock; the system clock when null (so its retry delays are real).</param>
    /// <param name="configure">Further simulator options.</param>
    public static async Task<SimulatorHarness> StartAsync(
        SimulatedCompany? company = null,
        IDictionary<string, string?>? clientSettings = null,
        TimeProvider? clientTime = null,
        Action<SimulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var options = new SimulatorOptions
        {
            Company = company ?? CompanyGenerator.Generate(seed: 7, members: 300, departments: 30),
            TimeProvider = time,
        };
        configure?.Invoke(options);
        var host = await WeComSimulatorHost.StartAsync(options, CancellationToken.None);

        var settings = new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = host.BaseAddress.AbsoluteUri,
            ["WeCom:OAuthBaseUrl"] = host.BaseAddress.AbsoluteUri,
            ["WeCom:LoginBaseUrl"] = host.BaseAddress.AbsoluteUri,
            ["WeCom:RequestTimeout"] = "00:00:05",
            ["WeCom:Retry:MaxRetryAttempts"] = "3",
            ["WeCom:Retry:BaseDelay"] = "00:00:00.005",
            ["WeCom:Retry:MaxDelay"] = "00:00:00.020",
            ["WeCom:Quotas:Enabled"] = "false",
        };
        foreach (var (key, value) in clientSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clientTime ?? TimeProvider.System);
        services.AddWeComClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return new SimulatorHarness(host, time, services.BuildServiceProvider(validateScopes: true));
    }

    /// <summary>Follows a login page (absolute, or relative to the simulator) with <c>sim_userid</c> (or other sim_ parameters) and returns the redirect target.</summary>
    public async Task<Uri> FollowLoginAsync(string pathAndQuery)
    {
        using var response = await Browser.GetAsync(new Uri(pathAndQuery, UriKind.RelativeOrAbsolute));
        Assert.True(
            response.StatusCode == System.Net.HttpStatusCode.Found,
            $"expected a 302 from {pathAndQuery}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location ?? throw new InvalidOperationException("302 without Location");
    }

    /// <summary>The code in a redirect target's query, or null.</summary>
    public static string? QueryValue(Uri redirect, string name)
    {
        foreach (var pair in redirect.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var key = separator < 0 ? pair : pair[..separator];
            if (key == name)
            {
                return separator < 0 ? "" : Uri.UnescapeDataString(pair[(separator + 1)..]);
            }
        }

        return null;
    }

    /// <summary>An active member in the app's scope, for login tests.</summary>
    public SimulatedMember ActiveMember(Func<SimulatedMember, bool>? where = null) =>
        Company.Members.First(m => m.Status == MemberStatus.Active && Company.IsVisibleTo(AgentId, m.UserId) && (where?.Invoke(m) ?? true));

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await _services.DisposeAsync();
        await Host.DisposeAsync();
    }
}
