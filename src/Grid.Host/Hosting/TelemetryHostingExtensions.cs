using Grid.Grains.Events;
using Grid.Grains.Sync;
using Grid.Host.SignIn;
using Grid.Host.Storage;
using Grid.WeCom.Api;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Grid.Host.Hosting;

public static class TelemetryHostingExtensions
{
    /// <summary>The service name on every metric, span and log record (OTEL_SERVICE_NAME overrides it).</summary>
    public const string ServiceName = "grid";

    /// <summary>Grid's own meters and Orleans' (<c>Microsoft.Orleans</c>).</summary>
    public static readonly IReadOnlyList<string> Meters =
        [WeComMetrics.MeterName, SyncMetrics.MeterName, CallbackMetrics.MeterName, SignInMetrics.MeterName, GrainStorageMetrics.MeterName, "Microsoft.Orleans"];

    /// <summary>
    /// ASP.NET Core instruments left out: each is recorded on every request (the memory pool's on every buffer rented),
    /// ValidateToken's most of all, and none says more than <c>http.server.request.duration</c> and Grid's own meters do
    /// (routing matches one endpoint per gRPC method; authentication is a cache hit after a token's first use).
    /// </summary>
    public static readonly IReadOnlyList<string> DroppedInstruments =
        ["aspnetcore.routing.match_attempts", "aspnetcore.authentication.*", "aspnetcore.memory_pool.*"];

    /// <summary>
    /// OpenTelemetry: Grid's meters, Orleans', ASP.NET Core's, HttpClient's and the runtime's, scraped at
    /// <c>/metrics</c>; with an OTLP endpoint configured, also traces (gRPC and HTTP requests, grain calls, sync runs,
    /// WeCom HTTP calls) and logs with their scopes, exported over OTLP.
    /// </summary>
    public static void AddGridTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GridTelemetryOptions.SectionName).Get<GridTelemetryOptions>() ?? new GridTelemetryOptions();
        var protocol = Validate(options);
        builder.Services.AddOptions<GridTelemetryOptions>().Bind(builder.Configuration.GetSection(GridTelemetryOptions.SectionName));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                foreach (var instrument in DroppedInstruments)
                {
                    metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                }

                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        // Orleans carries the current trace through grain calls (it makes spans only while something listens).
        builder.UseOrleans(orleans => orleans.AddActivityPropagation());
        if (options.Otlp.Endpoint is { } endpoint)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(SyncMetrics.SourceName, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName)
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !IsScrapeOrProbe(http.Request.Path))
                    .AddHttpClientInstrumentation())
                .WithLogging(logging => { }, logging =>
                {
                    logging.IncludeScopes = true;
                    logging.IncludeFormattedMessage = true;
                })
                .UseOtlpExporter(protocol, new Uri(endpoint));
        }
    }

    /// <summary>The Prometheus scrape endpoint, <c>/metrics</c>, when <see cref="GridTelemetryOptions.Prometheus"/> is on.</summary>
    public static void MapGridTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<GridTelemetryOptions>>().Value.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint();
        }
    }

    private static bool IsScrapeOrProbe(PathString path) => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz");

    // Taken while building (as the host's other settings), so a mistake stops the host with the setting's name.
    private static OtlpExportProtocol Validate(GridTelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.Otlp.Endpoint is { } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"Grid:Telemetry:Otlp:Endpoint must be an absolute http(s) address such as http://otel-collector:4317, not '{endpoint}'");
        }

        var protocol = options.Otlp.Protocol switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => (OtlpExportProtocol?)null,
        };
        if (protocol is null)
        {
            failures.Add($"Grid:Telemetry:Otlp:Protocol must be 'grpc' or 'http/protobuf', not '{options.Otlp.Protocol}'");
        }

        return failures.Count > 0
            ? throw new OptionsValidationException(GridTelemetryOptions.SectionName, typeof(GridTelemetryOptions), failures)
            : protocol!.Value;
    }
}
