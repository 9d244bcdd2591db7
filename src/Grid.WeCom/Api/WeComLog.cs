using Microsoft.Extensions.Logging;

namespace Grid.WeCom.Api;

/// <summary>WeCom client log events (2xxx). Never pass secrets, tokens, codes, tickets or URLs with queries.</summary>
internal static partial class WeComLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "WeCom access token refreshed for corp {CorpId} agent {AgentId}; valid for {ExpiresInSeconds} s")]
    public static partial void AccessTokenRefreshed(ILogger logger, string corpId, string agentId, int expiresInSeconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "WeCom {Api} rejected the access token of corp {CorpId} with errcode {ErrCode}; refreshing it and retrying once")]
    public static partial void AccessTokenRejected(ILogger logger, string api, string corpId, int errCode);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "WeCom {Api} answered errcode {ErrCode}; retry {Attempt} in {Delay}")]
    public static partial void RetryingErrCode(ILogger logger, string api, int errCode, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "WeCom {Api} failed ({Reason}); retry {Attempt} in {Delay}")]
    public static partial void RetryingFailure(ILogger logger, string api, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information,
        Message = "Client-side quota for WeCom {Api} reached; the call waits for a slot")]
    public static partial void QuotaWait(ILogger logger, string api);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug,
        Message = "WeCom {Api} answered errcode {ErrCode}")]
    public static partial void ApiError(ILogger logger, string api, int errCode);
}
