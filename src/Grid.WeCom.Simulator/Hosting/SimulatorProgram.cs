using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Grid.WeCom.Simulator.Hosting;

/// <summary>
/// The standalone simulator: binds "Simulator" (Seed, Members, Departments, Address, Port, Quotas, Callbacks),
/// generates the demo company and prints what a developer needs to point a client at it. The simulator singleton
/// is disposed by the container at shutdown, which stops its callback dispatcher.
/// </summary>
internal static class SimulatorProgram
{
    /// <summary>Exit code: a setting is invalid.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>Exit code: the port is taken by another process.</summary>
    public const int PortInUse = 3;

    // Below Grid.Host's ports (5080, 5081 and the README's cluster silos from 5090 up), so both run side by side.
    private const int DefaultPort = 5070;

    /// <summary>Runs until Ctrl+C or SIGTERM; configuration mistakes and a busy port are one line on stderr, not a stack trace.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"WeCom simulator cannot start: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return InvalidConfiguration;
        }

        var (address, port) = Endpoint(app.Configuration);
        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.RunAsync().ConfigureAwait(false);
                return 0;
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException)
            {
                await Console.Error.WriteLineAsync(
                    $"WeCom simulator cannot start: port {port} on {address} is in use; pass --Simulator:Port=M (e.g. --Simulator:Port={FreePort(address)}, or 0 for any free port)").ConfigureAwait(false);
                return PortInUse;
            }
            catch (OptionsValidationException ex)
            {
                await Console.Error.WriteLineAsync($"WeCom simulator cannot start: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
                return InvalidConfiguration;
            }
        }
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Defaults below every other source, so Logging:LogLevel:* can still raise them. ASP.NET Core's request log
        // prints each URL with its query: access_token and corpsecret in clear. The host's "failed to start" is a
        // stack trace for what RunAsync says in one line (it has no background services whose failures it would hide).
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
            },
        });
        builder.Services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            options.LoggerFactory = provider.GetRequiredService<ILoggerFactory>();
            return new WeComSimulator(options);
        });
        // Standalone, a fixed port is friendlier than a random one: DefaultPort unless Simulator:Port says otherwise (0 = any).
        var (address, port) = Endpoint(builder.Configuration);
        if (port is < 0 or > 65535)
        {
            throw new OptionsValidationException(SimulatorOptions.SectionName, typeof(SimulatorOptions),
                [$"{SimulatorOptions.SectionName}:Port must be between 0 and 65535 (got {port})."]);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));

        var app = builder.Build();
        var simulator = app.Services.GetRequiredService<WeComSimulator>();
        app.UseWeComSimulatorFaults(simulator);
        app.MapWeComSimulator(simulator);
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, simulator));
        app.Lifetime.ApplicationStopped.Register(() => Console.WriteLine($"WeCom simulator stopped (corp {simulator.Company.CorpId})"));
        return app;
    }

    private static (IPAddress Address, int Port) Endpoint(IConfiguration configuration)
    {
        var section = configuration.GetSection(SimulatorOptions.SectionName);
        var address = IPAddress.TryParse(section["Address"], out var parsed) ? parsed : IPAddress.Loopback;
        return (address, section.GetValue<int?>("Port") ?? DefaultPort);
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void PrintBanner(WebApplication app, WeComSimulator simulator)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var company = simulator.Company;
        var appInfo = company.DefaultApp;
        // A simulator exists to be pointed at: printing its (fake) secret is the point, not a leak.
        Console.WriteLine($"""

            WeCom simulator at {address}
              company      {company.Name}: {company.MemberCount} members, {company.DepartmentCount} departments
              corp id      {company.CorpId}
              agent id     {appInfo.AgentId}
              secret       {appInfo.Secret}
              trusted dom. {appInfo.TrustedDomain}
              configure    WeCom:ApiBaseUrl={address}  WeCom:OAuthBaseUrl={address}  WeCom:LoginBaseUrl={address}
              try          {address}/cgi-bin/gettoken?corpid={company.CorpId}&corpsecret={appInfo.Secret}
                           {address}/_sim/company   (control API: /_sim/members, /_sim/departments, /_sim/faults, /_sim/callbacks)
            """);
    }
}
