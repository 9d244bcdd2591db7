using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Contracts.V1;
using Grid.Host.SignIn;
using Grpc.Core;
using AccountStatus = Grid.Abstractions.Directory.AccountStatus;
using SignInMethod = Grid.Abstractions.Sessions.SignInMethod;
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
        var cancel = context.CancellationToken;
        await RequireSmsAsync(request.TenantId, request.ConnectorId, purpose, cancel);

        var account = await grains.GetGrain<IDirectoryQueryGrain>(request.TenantId).FindAccount(UniqueField.Mobile, mobile).WaitAsync(cancel);
        var issue = await sms.SendAsync(request.TenantId, purpose, mobile, send: account is { Status: AccountStatus.Active }, cancel);
        if (issue.Code is null)
        {
            RpcErrors.ResourceExhausted("a code was sent to this mobile just now", issue.RetryAfter);
        }

        return new SendSmsCodeResponse
        {
            ExpiresAt = Timestamp.FromDateTimeOffset(issue.ExpiresAt),
            ResendAfterSeconds = (long)Math.Ceiling(issue.RetryAfter.TotalSeconds),
        };
    }

    public override async Task<SmsLoginResponse> SmsLogin(SmsLoginRequest request, ServerCallContext context)
    {
        var cancel = context.CancellationToken;
        var account = await CodeAccountAsync(context, request.TenantId, request.ConnectorId, request.Mobile, request.Code, SmsCodePurpose.Login);
        var issued = await issuer.OpenAsync(request.TenantId, account.AccountId, SignInMethod.SmsCode, request.Client.ToDomain(), cancel);
        return new SmsLoginResponse { Session = issued.ToProto() };
    }

    public override async Task<ResetPasswordResponse> ResetPassword(ResetPasswordRequest request, ServerCallContext context)
    {
        var cancel = context.CancellationToken;
        var account = await CodeAccountAsync(
            context, request.TenantId, request.ConnectorId, request.Mobile, request.Code, SmsCodePurpose.ResetPassword,
            () => PasswordPolicy.Require(request.NewPassword, "new_password"));
        var key = GridKeys.Account(request.TenantId, account.AccountId);
        await grains.GetGrain<IAccountGrain>(key).SetPassword(request.NewPassword).WaitAsync(cancel);
        await grains.GetGrain<IPasswordSignInGrain>(key).Clear().WaitAsync(cancel);
        SignInLog.PasswordReset(logger, request.TenantId, account.AccountId);
        return new ResetPasswordResponse { AccountId = account.AccountId };
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

        SignInLog.SessionRevoked(logger, request.TenantId, sessionId, session.AccountId);
        var revokedAt = session.RevokedAt ?? throw new InvalidOperationException("A revoked session has no revocation time.");
        return new RevokeSessionResponse { SessionId = sessionId, RevokedAt = Timestamp.FromDateTimeOffset(revokedAt) };
    }

    private async Task RequireFallbackAsync(
        string tenantId, string connectorId, Func<LoginFeatures, bool> enabled, string fallback, CancellationToken cancel)
    {
        var connector = await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, connectorId)).Get().WaitAsync(cancel);
        if (connector is null)
        {
            RpcErrors.NotFound($"connector '{connectorId}' does not exist in tenant '{tenantId}'");
        }

        if (!enabled(connector.Features))
        {
            RpcErrors.FailedPrecondition($"{fallback} sign-in is not enabled on connector '{connectorId}' of tenant '{tenantId}'");
        }
    }

    // The SMS fallback for a login code, the password fallback for a reset code; either needs a sender.
    private async Task RequireSmsAsync(string tenantId, string connectorId, SmsCodePurpose purpose, CancellationToken cancel)
    {
        if (purpose == SmsCodePurpose.Login)
        {
            await RequireFallbackAsync(tenantId, connectorId, features => features.SmsFallback, "SMS", cancel);
        }
        else
        {
            await RequireFallbackAsync(tenantId, connectorId, features => features.PasswordFallback, "password", cancel);
        }

        if (!sms.IsAvailable)
        {
            RpcErrors.FailedPrecondition("SMS codes are unavailable: no SMS sender is configured (Grid:SignIn:Sms:WebhookUrl)");
        }
    }

    // The active account that a valid code of the purpose names: caller, request (and whatever else the RPC requires,
    // checked before the code is spent), fallback, then the code.
    private async Task<AccountView> CodeAccountAsync(
        ServerCallContext context, string tenantId, string connectorId, string rawMobile, string code, SmsCodePurpose purpose,
        Action? alsoRequire = null)
    {
        await access.RequireAsync(context, tenantId, GridScopes.AuthFrontend);
        Required(connectorId, "connector_id");
        Required(code, "code");
        alsoRequire?.Invoke();
        var mobile = NormalizedMobile(rawMobile);
        var cancel = context.CancellationToken;
        await RequireSmsAsync(tenantId, connectorId, purpose, cancel);
        var account = await CodeHolderAsync(tenantId, purpose, mobile, code, cancel);
        RequireActive(account);
        return account;
    }

    // The account a code was sent for; any mismatch (wrong, expired or spent code, no account) is one answer.
    private async Task<AccountView> CodeHolderAsync(string tenantId, SmsCodePurpose purpose, string mobile, string code, CancellationToken cancel)
    {
        var check = await sms.VerifyAsync(tenantId, purpose, mobile, code, cancel);
        var account = check == SmsCodeCheck.Accepted
            ? await grains.GetGrain<IDirectoryQueryGrain>(tenantId).FindAccount(UniqueField.Mobile, mobile).WaitAsync(cancel)
            : null;
        if (account is null)
        {
            SignInLog.SmsRejected(logger, tenantId, purpose);
            RpcErrors.Unauthenticated(PasswordSignIn.InvalidCredentials);
        }

        return account;
    }

    private static string NormalizedMobile(string mobile)
    {
        Required(mobile, "mobile");
        return UniqueValues.Normalize(UniqueField.Mobile, mobile)
            ?? throw RpcErrors.InvalidArgumentException("mobile", $"'{SafeText.Echo(mobile)}' is not a mobile number");
    }

    private static void RequireActive(AccountView account)
    {
        if (SignInAccounts.Unavailable(account) is { } reason)
        {
            RpcErrors.FailedPrecondition(reason);
        }
    }

    private static void Required(string value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            RpcErrors.InvalidArgument(field, "required");
        }
    }
}
