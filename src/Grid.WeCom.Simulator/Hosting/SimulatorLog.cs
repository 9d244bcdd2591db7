
namespace Grid.WeCom.Simulator.Hosting;

/// <summary>The simulator's log events (range 6xxx). Secrets, tokens and codes are never logged.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "WeCom simulator listening on {Address}")]
    public static partial void Started(ILogger logger, Uri address);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Generated company {CorpId}: {Members} members, {Departments} departments in {ElapsedMs} ms (seed {Seed})")]
    public static partial void CompanyGenerated(ILogger logger, string corpId, int members, int departments, long elapsedMs, int seed);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug, Message = "{Path} answered errcode {ErrCode}")]
    public static partial void ApiError(ILogger logger, string path, int errCode);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Injected fault {Kind} on {Path} (rule {RuleId})")]
    public static partial void FaultInjected(ILogger logger, string kind, string path, long ruleId);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "Callback #{Sequence} {ChangeType} to agent {AgentId} delivered on attempt {Attempt}")]
    public static partial void CallbackDelivered(ILogger logger, long sequence, string changeType, int agentId, int attempt);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Callback #{Sequence} attempt {Attempt} failed: HTTP {HttpStatus}, {Error}")]
    public static partial void CallbackAttemptFailed(ILogger logger, long sequence, int attempt, int? httpStatus, string? error);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Callback #{Sequence} {ChangeType} to agent {AgentId} failed after {Attempts} attempt(s)")]
    public static partial void CallbackFailed(ILogger logger, long sequence, string changeType, int agentId, int attempts);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "Quota exceeded for {Api} in {CorpId}: answering 45009")]
    public static partial void QuotaExceeded(ILogger logger, string api, string corpId);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Information, Message = "Login code issued in {CorpId} for {Subject} with scope {Scope}")]
    public static partial void CodeIssued(ILogger logger, string corpId, string subject, string scope);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Login page refused: {Reason}")]
    public static partial void LoginRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Simulator mutation {Operation} in {CorpId} queued {Callbacks} callback(s)")]
    public static partial void Mutated(ILogger logger, string operation, string corpId, int callbacks);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "Revoked {Count} access token(s) in {CorpId}")]
    public static partial void TokensRevoked(ILogger logger, int count, string corpId);
}
