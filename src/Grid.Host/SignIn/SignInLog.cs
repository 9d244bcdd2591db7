using Grid.Abstractions.Sessions;

namespace Grid.Host.SignIn;

/// <summary>The log events of the sign-in RPCs (AuthService's sign-in partial lives with the other gRPC services).</summary>
internal static partial class SignInLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Password sign-in refused in tenant {TenantId} (account '{AccountId}'): invalid credentials")]
    public static partial void PasswordRejected(ILogger logger, string tenantId, string accountId);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "SMS code for {Purpose} refused in tenant {TenantId}")]
    public static partial void SmsRejected(ILogger logger, string tenantId, SmsCodePurpose purpose);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Information, Message = "Password of account {AccountId} in tenant {TenantId} reset with an SMS code")]
    public static partial void PasswordReset(ILogger logger, string tenantId, string accountId);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Refresh of session {SessionId} in tenant {TenantId} refused: {Refusal}")]
    public static partial void RefreshRefused(ILogger logger, string tenantId, string sessionId, RefreshRefusal refusal);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Session {SessionId} of account {AccountId} in tenant {TenantId} revoked by the front end")]
    public static partial void SessionRevoked(ILogger logger, string tenantId, string sessionId, string accountId);
}
