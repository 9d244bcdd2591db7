using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Grid.Host.Hosting;

/// <summary>
/// Prints the start-up banner once the host listens (profile, where state lives, the addresses), and one line when it
/// has stopped (Ctrl+C, SIGTERM), so that a quiet end is not mistaken for a hang or a crash.
/// </summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    GridEndpoints endpoints,
    GridBanner banner,
    IOptions<GridOptions> options,
    IConfiguration configuration,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(OnStarted);
        lifetime.ApplicationStopped.Register(OnStopped);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnStarted()
    {
        var (http, grpc) = HostingExtensions.ReadBoundAddresses(server);
        endpoints.SetBound(http, grpc);

        var grid = options.Value;
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("  Grid is running.");
        text.AppendLine($"  profile      {grid.Profile}");
        if (grid.IsCluster)
        {
            var database = new Npgsql.NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Grid"));
            text.AppendLine($"  state        PostgreSQL {database.Host}:{database.Port}/{database.Database} (clustering, grain state, reminders)");
        }
        else
        {
            text.AppendLine("  state        IN MEMORY: everything is lost when this process stops (use Grid:Profile=cluster for PostgreSQL)");
        }

        text.AppendLine($"  http         {http}");
        text.AppendLine($"  grpc         {grpc}");
        text.AppendLine($"  health       {new Uri(http, "/healthz")}");
        text.AppendLine($"  silo         {grid.Silo.AdvertisedAddress}:{grid.Silo.SiloPort} (gateway {grid.Silo.GatewayPort}), cluster '{grid.Silo.ClusterId}', service '{grid.Silo.ServiceId}'");
        foreach (var (label, value) in banner.Lines)
        {
            text.AppendLine($"  {label,-12} {value}");
        }

        LogBanner(logger, text.ToString());
    }

    private void OnStopped()
    {
        var grid = options.Value;
        LogStopped(logger, grid.Profile, $"{grid.Silo.AdvertisedAddress}:{grid.Silo.SiloPort}", grid.Silo.ClusterId);
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "{Banner}")]
    private static partial void LogBanner(ILogger logger, string banner);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Grid stopped (profile {Profile}, silo {Silo}, cluster '{ClusterId}')")]
    private static partial void LogStopped(ILogger logger, string profile, string silo, string clusterId);
}
