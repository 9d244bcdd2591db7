namespace Grid.Host.Storage;

/// <summary>Grain storage log messages, event ids 9750-9999. Never a payload or a connection string.</summary>
internal static partial class GrainStorageLog
{
    [LoggerMessage(9750, LogLevel.Warning, "Grain storage {Operation} refused transiently ({Reason}), attempt {Attempt} of {Attempts}; retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, string reason, int attempt, int attempts, int delayMs);

    [LoggerMessage(9751, LogLevel.Error, "Grain storage {Operation} failed after {Attempts} attempt(s) ({Reason})")]
    public static partial void Failed(ILogger logger, Exception exception, string operation, int attempts, string reason);
}
