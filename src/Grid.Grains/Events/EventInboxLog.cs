using Microsoft.Extensions.Logging;

namespace Grid.Grains.Events;

/// <summary>Event inbox log messages, event ids 7250-7499.</summary>
internal static partial class EventInboxLog
{
    [LoggerMessage(7250, LogLevel.Warning, "WeCom event {EventId} ({ChangeType}) of {TenantId}/{ConnectorId} failed (attempt {Attempt}), retried in {DelayMs} ms: {Reason}")]
    public static partial void EventFailed(
        ILogger logger, string tenantId, string connectorId, long eventId, string changeType, int attempt, long delayMs, string reason);

    [LoggerMessage(7251, LogLevel.Error, "WeCom event {EventId} ({ChangeType}) of {TenantId}/{ConnectorId} is parked after {Attempts} failed attempts: {Reason}")]
    public static partial void EventParked(
        ILogger logger, string tenantId, string connectorId, long eventId, string changeType, int attempts, string reason);

    [LoggerMessage(7252, LogLevel.Warning, "The outcome of WeCom event {EventId} of {TenantId}/{ConnectorId} could not be recorded; it is applied again later")]
    public static partial void OutcomeNotRecorded(ILogger logger, Exception exception, string tenantId, string connectorId, long eventId);

    [LoggerMessage(7253, LogLevel.Information, "The WeCom event inbox of {TenantId}/{ConnectorId} resumed {Count} unfinished events from the journal")]
    public static partial void Resumed(ILogger logger, string tenantId, string connectorId, int count);

    [LoggerMessage(7254, LogLevel.Warning, "The WeCom event inbox of {TenantId}/{ConnectorId} could not read the journal; it tries again at its next sweep")]
    public static partial void ScanFailed(ILogger logger, Exception exception, string tenantId, string connectorId);

    [LoggerMessage(7255, LogLevel.Warning, "The event sweep could not wake the inbox of {TenantId}/{ConnectorId}")]
    public static partial void WakeFailed(ILogger logger, Exception exception, string tenantId, string connectorId);

    [LoggerMessage(7256, LogLevel.Warning, "The event sweep could not read or purge the journal; it tries again in {IntervalMs} ms")]
    public static partial void SweepFailed(ILogger logger, Exception exception, long intervalMs);

    [LoggerMessage(7257, LogLevel.Information, "The event sweep purged {Count} WeCom events finished before {Before}")]
    public static partial void Purged(ILogger logger, int count, DateTimeOffset before);
}
