using Microsoft.Extensions.Logging;

namespace Grid.Grains.Sync.Incremental;

/// <summary>Incremental apply log messages, event ids 7500-7999.</summary>
internal static partial class IncrementalLog
{
    [LoggerMessage(7500, LogLevel.Debug, "Event {EventId} of {TenantId}/{ConnectorId} ({Target}) ignored: {Reason}")]
    public static partial void ChangeIgnored(ILogger logger, string tenantId, string connectorId, string eventId, string target, string reason);

    [LoggerMessage(7501, LogLevel.Debug, "Event {EventId} of {TenantId}/{ConnectorId} ({Target}) applied {Steps} steps")]
    public static partial void ChangeApplied(ILogger logger, string tenantId, string connectorId, string eventId, string target, int steps);

    [LoggerMessage(7502, LogLevel.Warning, "Event {EventId} of {TenantId}/{ConnectorId} ({Target}): step {StepId} failed and is retried: {Error}")]
    public static partial void StepFailed(ILogger logger, string tenantId, string connectorId, string eventId, string target, string stepId, string error);

    [LoggerMessage(7503, LogLevel.Information, "Event {EventId} of {TenantId}/{ConnectorId} ({Target}) left as it was: {Issue}")]
    public static partial void PlanIssue(ILogger logger, string tenantId, string connectorId, string eventId, string target, string issue);

    [LoggerMessage(7504, LogLevel.Warning, "Event {EventId} of {TenantId}/{ConnectorId}: the delete budget is spent; {Key} is held for approval ({Description})")]
    public static partial void DeleteHeld(ILogger logger, string tenantId, string connectorId, string eventId, string key, string description);

    [LoggerMessage(7505, LogLevel.Warning, "{Count} decisions on held deletes of {TenantId}/{ConnectorId} are not recorded on their events yet; kept for retry")]
    public static partial void DecisionsNotRecorded(ILogger logger, Exception exception, string tenantId, string connectorId, int count);
}
