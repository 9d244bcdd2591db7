using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Grid.Host.Hosting;

public static class HostingExtensions
{
    /// <summary>Binds and validates <see cref="GridOptions"/>, configures Kestrel's two endpoints and the banner.</summary>
    public static GridOptions AddGridHosting(this WebApplicationBuilder builder)
    {
        // Below every other source, so Logging:LogLevel:* still overrides it: the health-check service logs each probe
        // of a silo that is not Active yet as a failure; SiloHealthCheck logs each change of status once instead.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService"] = "Critical",
            },
        });
        var options = builder.Configuration.GetSection(GridOptions.SectionName).Get<GridOptions>() ?? new GridOptions();
        var validator = new GridOptionsValidator(builder.Configuration);

        // Hosting decisions (profile, ports) are taken while building, so validate now rather than at start.
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(GridOptions.SectionName, typeof(GridOptions), result.Failures);
        }

        // Log lines quote outside values: the console format escapes their control characters.
        builder.Logging.AddConsoleFormatter<EscapingConsoleFormatter, SimpleConsoleFormatterOptions>();
        builder.Logging.AddConsole(console => console.FormatterName = EscapingConsoleFormatter.FormatterName);

        builder.Services.AddOptions<GridOptions>().Bind(builder.Configuration.GetSection(GridOptions.SectionName));
        builder.Services.AddSingleton<IValidateOptions<GridOptions>>(validator);
        builder.Services.AddSingleton<GridEndpoints>();
        builder.Services.AddSingleton<GridPublicAddress>();
        builder.Services.AddSingleton<GridBanner>();
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.AddHostedService<IdleHeapTrimmer>();
        builder.Services.AddSingleton<SiloHealthCheck>(); // one instance, which remembers the status it logged last
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;

            // Only the configured proxies: the defaults trust loopback, which would let any local process choose
            // the address it is limited by.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.Endpoints.TrustedProxies)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(GridOptionsValidator.NetworkOf(proxy)));
            }
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, new Uri(options.Endpoints.Http), HttpProtocols.Http1);
            Listen(kestrel, new Uri(options.Endpoints.Grpc), HttpProtocols.Http2);
        });

        return options;
    }

    /// <summary>With trusted proxies configured, takes the client address from their X-Forwarded-For.</summary>
    public static void UseGridForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<GridOptions>>().Value.Endpoints.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }
    }

    public static void MapGridHealth(this WebApplication app) => app.MapHealthChecks("/healthz", new()
    {
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    });

    /// <summary>Reads the bound addresses in the order the endpoints were configured: HTTP first, then gRPC.</summary>
    internal static (Uri Http, Uri Grpc) ReadBoundAddresses(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        if (addresses.Length != 2)
        {
            throw new InvalidOperationException($"Expected two bound endpoints (HTTP and gRPC), found {addresses.Length}.");
        }

        return (new Uri(addresses[0]), new Uri(addresses[1]));
    }

    private static void Listen(KestrelServerOptions kestrel, Uri uri, HttpProtocols protocols)
    {
        void Configure(ListenOptions listen) => listen.Protocols = protocols;

        if (uri.Host is "*" or "0.0.0.0")
        {
            kestrel.ListenAnyIP(uri.Port, Configure);
        }
        else if (uri.Host == "localhost")
        {
            kestrel.Listen(IPAddress.Loopback, uri.Port, Configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(uri.Host), uri.Port, Configure);
        }
    }
}
