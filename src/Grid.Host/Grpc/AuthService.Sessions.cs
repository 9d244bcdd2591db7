using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Sessions;
using Grid.Contracts.V1;
using Grid.Host.SignIn;
using Grpc.Core;

namespace Grid.Host.Grpc;

/// <summary>grid.v1.Auth, sessions and the fallback sign-ins (scope auth.frontend): password, refresh, validate, revoke.</summary>
internal sealed partial class AuthService
{
    private const string InvalidRefreshToken = "the refresh token is not valid; sign in again";
    private const string InvalidAccessToken = "the access token is not valid";

    public override async Task<PasswordLoginResponse> PasswordLogin(PasswordLoginRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        Required(request.ConnectorId, "connector_id");
        Required(request.Login, "login");
        Required(request.Password, "password");
        var result = await passwords.SignInAsync(
            request.TenantId, request.ConnectorId, request.Login, request.Password, request.Client.ToDomain(), context.CancellationToken);
        switch (result.Outcome)
        {
            case PasswordSignInOutcome.NoSuchConnector:
                RpcErrors.NotFound(result.Message);
                break;
            case PasswordSignInOutcome.InvalidCredentials:
                RpcErrors.Unauthenticated(result.Message);
                break;
            case PasswordSignInOutcome.Locked:
                RpcErrors.ResourceExhausted(result.Message, result.RetryAfter);
                break;
            case PasswordSignInOutcome.NotEnabled or PasswordSignInOutcome.AccountUnavailable:
                RpcErrors.FailedPrecondition(result.Message);
                break;
        }

        var issued = result.Session ?? throw new InvalidOperationException("A password sign-in succeeded without a session.");
        return new PasswordLoginResponse { Session = issued.ToProto() };
    }

    public override async Task<RefreshSessionResponse> RefreshSession(RefreshSessionRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        Required(request.RefreshToken, "refresh_token");
        if (!SessionKeys.TryParseRefreshToken(request.RefreshToken, out var tenantId, out var sessionId, out var secret)
            || tenantId != request.TenantId)
        {
            RpcErrors.Unauthenticated(InvalidRefreshToken);
        }

        var cancel = context.CancellationToken;
        var result = await grains.GetGrain<ISessionGrain>(SessionKeys.Session(tenantId, sessionId)).Refresh(secret).WaitAsync(cancel);
        if (result.Grant is null)
        {
            LogRefreshRefused(logger, tenantId, sessionId, result.Refusal);
            RpcErrors.Unauthenticated(InvalidRefreshToken);
        }

        var issued = await issuer.IssueAsync(result.Grant, cancel);
        return new RefreshSessionResponse { Session = issued.ToProto() };
    }

    public override async Task<ValidateTokenResponse> ValidateToken(ValidateTokenRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        Required(request.AccessToken, "access_token");
        var token = await tokens.ValidateAsync(request.TenantId, request.AccessToken, context.CancellationToken);
        if (token is null)
        {
            RpcErrors.Unauthenticated(InvalidAccessToken);
        }

        return new ValidateTokenResponse
        {
            AccountId = token.AccountId,
            TenantId = token.TenantId,
            SessionId = token.SessionId,
            Method = token.Method?.ToProto() ?? Contracts.V1.SignInMethod.Unspecified,
            ExpiresAt = Timestamp.FromDateTimeOffset(token.ExpiresAt),
            IssuedAt = Timestamp.FromDateTimeOffset(token.IssuedAt),
            Claims = { token.Claims },
        };
    }

    public override async Task<RevokeSessionResponse> RevokeSession(RevokeSessionRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        var sessionId = request.SessionCase switch
        {
            RevokeSessionRequest.SessionOneofCase.RefreshToken =>
                SessionKeys.TryParseRefreshToken(request.RefreshToken, out var tenantId, out var id, out _) && tenantId == request.TenantId
                    ? id
                    : throw RpcErrors.InvalidArgumentException("refresh_token", "not a refresh token of this tenant"),
            RevokeSessionRequest.SessionOneofCase.SessionId =>
                request.SessionId.StartsWith(SessionKeys.SessionIdPrefix, StringComparison.Ordinal)
                    ? request.SessionId
                    : throw RpcErrors.InvalidArgumentException("session_id", $"'{SafeText.Echo(request.SessionId)}' is not a session id (ses_...)"),
            _ => throw RpcErrors.InvalidArgumentException("session", "set one of refresh_token, session_id"),
        };

        var session = await grains.GetGrain<ISessionGrain>(SessionKeys.Session(request.TenantId, sessionId))
            .Revoke().WaitAsync(context.CancellationToken);
        if (session is null)
        {
            RpcErrors.NotFound($"session '{sessionId}' does not exist in tenant '{request.TenantId}'");
        }

        LogSessionRevoked(logger, request.TenantId, sessionId, session.AccountId);
        var revokedAt = session.RevokedAt ?? throw new InvalidOperationException("A revoked session has no revocation time.");
        return new RevokeSessionResponse { SessionId = sessionId, RevokedAt = Timestamp.FromDateTimeOffset(revokedAt) };
    }

    private static void Required(string value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            RpcErrors.InvalidArgument(field, "required");
        }
    }

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Refresh of session {SessionId} in tenant {TenantId} refused: {Refusal}")]
    private static partial void LogRefreshRefused(ILogger logger, string tenantId, string sessionId, RefreshRefusal refusal);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Session {SessionId} of account {AccountId} in tenant {TenantId} revoked by the front end")]
    private static partial void LogSessionRevoked(ILogger logger, string tenantId, string sessionId, string accountId);
}
