using Microsoft.Extensions.Logging;

namespace Grid.Grains;

/// <summary>
/// Logging scopes that put the tenant and connector (and the run, event or method) on every entry written while one
/// run, event or sign-in is handled, so that structured log sinks (OTLP) can filter by them.
/// </summary>
public static class LogScopes
{
    public static IDisposable? Connector(ILogger logger, string tenantId, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["grid.tenant"] = tenantId,
            ["grid.connector"] = connectorId,
        });
    }

    public static IDisposable? Run(ILogger logger, string tenantId, string connectorId, string runId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["grid.tenant"] = tenantId,
            ["grid.connector"] = connectorId,
            ["grid.sync.run_id"] = runId,
        });
    }

    public static IDisposable? SignIn(ILogger logger, string tenantId, string connectorId, string method)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["grid.tenant"] = tenantId,
            ["grid.connector"] = connectorId,
            ["grid.signin.method"] = method,
        });
    }
}
