namespace Grid.Host.Callbacks;

/// <summary>WeCom callback receiver log messages, event ids 7000-7249. Never the token, the key or the body.</summary>
internal static partial class CallbackLog
{
    [LoggerMessage(7000, LogLevel.Warning, "WeCom callback {Method} for {TenantId}/{ConnectorId} refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string tenantId, string connectorId, int status, string reason);

    [LoggerMessage(7001, LogLevel.Debug, "WeCom event {EventId} ({ChangeType}) for {TenantId}/{ConnectorId} is durable")]
    public static partial void Durable(ILogger logger, string tenantId, string connectorId, long eventId, string changeType);

    [LoggerMessage(7002, LogLevel.Debug, "WeCom event {EventId} for {TenantId}/{ConnectorId} was a replay; nothing stored")]
    public static partial void Replayed(ILogger logger, string tenantId, string connectorId, long eventId);

    [LoggerMessage(7003, LogLevel.Error, "WeCom callback for {TenantId}/{ConnectorId} could not be made durable; answered 503 so that WeCom retries")]
    public static partial void JournalFailed(ILogger logger, Exception exception, string tenantId, string connectorId);

    [LoggerMessage(7004, LogLevel.Information, "WeCom verified the callback URL of {TenantId}/{ConnectorId}")]
    public static partial void UrlVerified(ILogger logger, string tenantId, string connectorId);

    [LoggerMessage(7005, LogLevel.Warning, "The inbox of {TenantId}/{ConnectorId} could not be told of event {EventId}; the journal sweep finds it")]
    public static partial void NotifyFailed(ILogger logger, Exception exception, string tenantId, string connectorId, long eventId);

    [LoggerMessage(7006, LogLevel.Warning, "The callback settings of {TenantId}/{ConnectorId} could not be read")]
    public static partial void SettingsFailed(ILogger logger, Exception exception, string tenantId, string connectorId);
}
