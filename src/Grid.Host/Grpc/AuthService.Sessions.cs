using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Contracts.V1;
using Grid.Host.SignIn;
using Grpc.Core;
using SmsCodePurpose = Grid.Abstractions.Sessions.SmsCodePurpose;

namespace Grid.Host.Grpc;

/// <summary>
/// grid.v1.Auth, sessions and the fallback sign-ins (scope auth.frontend): password, SMS code, password reset, refresh,
/// validate, revoke.
/// </summary>
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
        return new PasswordLoginResponse { Session = Succeeded(result).ToProto() };
    }

    public override async Task<SendSmsCodeResponse> SendSmsCode(SendSmsCodeRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        Required(request.ConnectorId, "connector_id");
        var purpose = request.Purpose switch
        {
            Contracts.V1.SmsCodePurpose.Login => SmsCodePurpose.Login,
            Contracts.V1.SmsCodePurpose.ResetPassword => SmsCodePurpose.ResetPassword,
            _ => throw RpcErrors.InvalidArgumentException("purpose", "required: LOGIN or RESET_PASSWORD"),
        };
        var mobile = NormalizedMobile(request.Mobile);
        var sent = await sms.SendAsync(
            request.TenantId, request.ConnectorId, purpose, mobile, request.Client?.IpAddress ?? "", context.CancellationToken);
        var result = Refusing(sent.Result);
        return new SendSmsCodeResponse
        {
            ExpiresAt = Timestamp.FromDateTimeOffset(sent.ExpiresAt),
            ResendAfterSeconds = (long)Math.Ceiling(result.RetryAfter.TotalSeconds),
        };
    }

    public override async Task<SmsLoginResponse> SmsLogin(SmsLoginRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        Required(request.ConnectorId, "connector_id");
        Required(request.Code, "code");
        var result = await sms.SignInAsync(
            request.TenantId, request.ConnectorId, NormalizedMobile(request.Mobile), request.Code, request.Client.ToDomain(), context.CancellationToken);
        return new SmsLoginResponse { Session = Succeeded(result).ToProto() };
    }

    public override async Task<ResetPasswordResponse> ResetPassword(ResetPasswordRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        Required(request.ConnectorId, "connector_id");
        Required(request.Code, "code");
        PasswordPolicy.Require(request.NewPassword, "new_password");
        var result = await sms.ResetPasswordAsync(
            request.TenantId, request.ConnectorId, NormalizedMobile(request.Mobile), request.Code, request.NewPassword, context.CancellationToken);
        return new ResetPasswordResponse { AccountId = Refusing(result).AccountId };
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
            SignInLog.RefreshRefused(logger, tenantId, sessionId, result.Refusal);
            RpcErrors.Unauthenticated(InvalidRefreshToken);
        }

        var issued = await issuer.IssueAsync(result.Grant, cancel);
        return new RefreshSessionResponse { Session = issued.ToProto() };
    }

    public override async Task<ValidateTokenResponse> ValidateToken(ValidateTokenRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        Required(request.AccessToken, "access_token");
        var token = await ValidatedAsync(request.TenantId, request.AccessToken, context.CancellationToken);
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

    private async Task<ValidatedToken?> ValidatedAsync(string tenantId, string accessToken, CancellationToken cancel)
    {
        ValidatedToken? token;
        try
        {
            token = await tokens.ValidateAsync(tenantId, accessToken, cancel);
        }
        catch (RpcException)
        {
            SignInMetrics.TokenValidated(TokenValidationOutcome.Unavailable);
            throw;
        }

        SignInMetrics.TokenValidated(token is null ? TokenValidationOutcome.Invalid : TokenValidationOutcome.Valid);
        return token;
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

        SignInLog.SessionRevoked(logger, request.TenantId, sessionId, session.AccountId);
        var revokedAt = session.RevokedAt ?? throw new InvalidOperationException("A revoked session has no revocation time.");
        return new RevokeSessionResponse { SessionId = sessionId, RevokedAt = Timestamp.FromDateTimeOffset(revokedAt) };
    }

    // A fallback step's refusal as the RPC's error: which status each kind of refusal is.
    private static SignInResult Refusing(SignInResult result)
    {
        switch (result.Outcome)
        {
            case SignInOutcome.NoSuchConnector:
                RpcErrors.NotFound(result.Message);
                break;
            case SignInOutcome.InvalidCredentials:
                RpcErrors.Unauthenticated(result.Message);
                break;
            case SignInOutcome.Locked or SignInOutcome.Throttled:
                RpcErrors.ResourceExhausted(result.Message, result.RetryAfter);
                break;
            case SignInOutcome.NotEnabled or SignInOutcome.AccountUnavailable or SignInOutcome.Unavailable:
                RpcErrors.FailedPrecondition(result.Message);
                break;
        }

        return result;
    }

    private static IssuedSession Succeeded(SignInResult result) =>
        Refusing(result).Session ?? throw new InvalidOperationException("A sign-in succeeded without a session.");

    private static string NormalizedMobile(string mobile)
    {
        Required(mobile, "mobile");
        return UniqueValues.Normalize(UniqueField.Mobile, mobile)
            ?? throw RpcErrors.InvalidArgumentException("mobile", $"'{SafeText.Echo(mobile)}' is not a mobile number");
    }

    private static void Required(string value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            RpcErrors.InvalidArgument(field, "required");
        }
    }
}
