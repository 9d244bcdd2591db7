using System.Net;
using Grid.WeCom.Simulator.Callbacks;
using Grid.WeCom.Simulator.Faults;
using Grid.WeCom.Simulator.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.WeCom.Simulator.Hosting;

/// <summary>
/// A running simulator: Kestrel on a loopback port serving WeCom's API, OAuth and QR-login paths from one origin
/// (<see cref="BaseAddress"/>). Point a client's ApiBaseUrl, OAuthBaseUrl and LoginBaseUrl at it.
/// </summary>
public sealed class WeComSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private WeComSimulatorHost(WebApplication app, WeComSimulator simulator, Uri baseAddress)
    {
        _app = app;
        Simulator = simulator;
        BaseAddress = baseAddress;
    }

    /// <summary>The origin, e.g. http://127.0.0.1:54321/ (API at cgi-bin/, OAuth at connect/oauth2/authorize, QR at wwlogin/sso/login).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The simulated WeCom behind this host.</summary>
    public WeComSimulator Simulator { get; }

    /// <summary>The first (usually only) company.</summary>
    public SimulatedCompany Company => Simulator.Company;

    public FaultInjector Faults => Simulator.Faults;

    public CallbackDispatcher Callbacks => Simulator.Callbacks;

    public TimeProvider TimeProvider => Simulator.TimeProvider;

    /// <summary>
    /// Settings for <c>AddWeComClient</c> that point the WeCom client's three base addresses here, with its quotas off
    /// (a simulated company is fetched again and again); <paramref name="overrides"/> are WeCom:* settings on top.
    /// </summary>
    public IConfiguration ClientConfiguration(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = BaseAddress.AbsoluteUri,
            ["WeCom:OAuthBaseUrl"] = BaseAddress.AbsoluteUri,
            ["WeCom:LoginBaseUrl"] = BaseAddress.AbsoluteUri,
            ["WeCom:Quotas:Enabled"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>Starts Kestrel on <see cref="SimulatorOptions.Address"/>:<see cref="SimulatorOptions.Port"/> (0 = any free port).</summary>
    public static async Task<WeComSimulatorHost> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var simulator = new WeComSimulator(options);
        try
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(WeComSimulatorHost).Assembly.GetName().Name,
            });
            builder.WebHost.UseKestrelCore();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(options.Address), options.Port));
            builder.Services.AddRoutingCore();
            builder.Services.AddSingleton(options.LoggerFactory ?? NullLoggerFactory.Instance);
            builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            var app = builder.Build();
            app.UseWeComSimulatorFaults(simulator);
            app.MapWeComSimulator(simulator);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            SimulatorLog.Started(simulator.Logger, baseAddress);
            return new WeComSimulatorHost(app, simulator, baseAddress);
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await Simulator.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
