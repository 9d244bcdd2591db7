using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grid.Host.Hosting;

/// <summary>
/// Healthy while this silo is Active in the cluster membership; Unhealthy (503) otherwise, with a calm description
/// while it is still joining or leaving. Logs each change of the silo's status once, instead of a failure per probe
/// (<see cref="HostingExtensions.AddGridHosting"/> quiets the health-check service's own per-probe log).
/// </summary>
internal sealed partial class SiloHealthCheck(
    ILocalSiloDetails silo, IClusterMembershipService membership, ILogger<SiloHealthCheck> logger) : IHealthCheck
{
    private int _lastStatus = -1;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var result = status switch
        {
            SiloStatus.Active => HealthCheckResult.Healthy($"silo {silo.SiloAddress} is active"),
            SiloStatus.None or SiloStatus.Created or SiloStatus.Joining =>
                HealthCheckResult.Unhealthy($"not ready yet: silo {silo.SiloAddress} is joining the cluster ({status})"),
            SiloStatus.ShuttingDown or SiloStatus.Stopping => HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is leaving the cluster ({status})"),
            _ => HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {status}"),
        };
        if (Interlocked.Exchange(ref _lastStatus, (int)status) != (int)status)
        {
            if (status == SiloStatus.Dead)
            {
                LogDead(logger, silo.SiloAddress.ToString());
            }
            else
            {
                LogStatus(logger, result.Description!);
            }
        }

        return Task.FromResult(result);
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Health: {Description}")]
    private static partial void LogStatus(ILogger logger, string description);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Health: silo {Silo} is declared dead by the cluster; /healthz answers 503")]
    private static partial void LogDead(ILogger logger, string silo);
}
