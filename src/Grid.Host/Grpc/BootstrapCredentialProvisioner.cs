using Grid.Abstractions.Auth;
using Grid.Host.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Host.Grpc;

/// <summary>
/// Makes the configured bootstrap credential (<see cref="BootstrapCredentialOptions"/>) exist at start-up, so that an
/// operator of a new cluster can sign in and create tenants; without one, says how to get one.
/// </summary>
internal sealed partial class BootstrapCredentialProvisioner(
    IGrainFactory grains,
    GridBanner banner,
    IOptions<GridOptions> grid,
    IOptions<GridAuthOptions> options,
    ILogger<BootstrapCredentialProvisioner> logger)
    : IHostedService
{
    private static readonly string[] Scopes = [GridScopes.PlatformAdmin, GridScopes.Admin];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Bootstrap;
        if (!settings.Enabled)
        {
            // The dev profile has its dev credential, which holds every scope.
            if (grid.Value.IsCluster)
            {
                LogNotConfigured(logger);
            }

            return;
        }

        // Orleans starts before this service (it is registered first), so grains can be called here.
        var outcome = await grains.GetGrain<IServiceClientGrain>(settings.ClientId)
            .EnsureBootstrap(
                new ServiceClientRegistration(settings.TenantId, "bootstrap (configuration)", [.. Scopes], "configuration"),
                settings.ClientSecret!)
            .WaitAsync(cancellationToken);
        if (outcome == BootstrapOutcome.Revoked)
        {
            LogRevoked(logger, settings.ClientId);
            banner.Set("bootstrap", $"{settings.ClientId} is REVOKED; configure another Grid:Auth:Bootstrap:ClientId to bootstrap again");
            return;
        }

        LogProvisioned(logger, settings.ClientId, settings.TenantId, outcome);
        banner.Set("bootstrap", $"{settings.ClientId} (tenant '{settings.TenantId}', scopes {string.Join(' ', Scopes)}; secret from Grid:Auth:Bootstrap:ClientSecret)");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3311, Level = LogLevel.Information, Message = "Bootstrap credential {ClientId} of tenant {TenantId}: {Outcome}")]
    private static partial void LogProvisioned(ILogger logger, string clientId, string tenantId, BootstrapOutcome outcome);

    [LoggerMessage(EventId = 3312, Level = LogLevel.Warning, Message = "Bootstrap credential {ClientId} is revoked and stays so; set Grid:Auth:Bootstrap:ClientId to another id to bootstrap again")]
    private static partial void LogRevoked(ILogger logger, string clientId);

    [LoggerMessage(EventId = 3313, Level = LogLevel.Information, Message = "No bootstrap credential configured: set Grid:Auth:Bootstrap:ClientSecret (32+ characters, through the environment) to get a platform admin that can create tenants")]
    private static partial void LogNotConfigured(ILogger logger);
}
