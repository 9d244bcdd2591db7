using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.Host.Login;
using Grid.Host.SignIn;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Grid.Host.Grpc;

/// <summary>grid.v1.Auth: the client-credentials exchange for access tokens, end-user sign-in and WeCom sign-in (partials beside).</summary>
internal sealed partial class AuthService(
    IGrainFactory grains,
    TimeProvider time,
    TokenRequestThrottle throttle,
    IOptions<GridAuthOptions> options,
    GridAccess access,
    WeComLoginFlow loginFlow,
    SignInSessionIssuer issuer,
    SessionTokenValidator tokens,
    PasswordSignIn passwords,
    SmsSignIn sms,
    ILogger<AuthService> logger) : Auth.AuthBase
{
    [AllowAnonymous]
    public override async Task<IssueTokenResponse> IssueToken(IssueTokenRequest request, ServerCallContext context)
    {
        // RequestValidationInterceptor has bounded the fields (RequestLimits); what is left is whether they are there.
        if (string.IsNullOrEmpty(request.ClientId))
        {
            RpcErrors.InvalidArgument("client_id", "required");
        }

        if (string.IsNullOrEmpty(request.ClientSecret))
        {
            RpcErrors.InvalidArgument("client_secret", "required");
        }

        var address = context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!throttle.TryBegin(address, out var retryAfter))
        {
            LogThrottled(logger, request.ClientId, address);
            RpcErrors.ResourceExhausted("too many failed token requests from this address", retryAfter);
        }

        ServiceClientIdentity? identity = null;
        var rejected = false;
        try
        {
            identity = await grains.GetGrain<IServiceClientGrain>(request.ClientId)
                .Authenticate(request.ClientSecret).WaitAsync(context.CancellationToken);
            rejected = identity is null;
        }
        finally
        {
            throttle.End(address, rejected);
        }

        if (identity is null)
        {
            LogRejected(logger, request.ClientId, address);
            RpcErrors.Unauthenticated("invalid client credentials");
        }

        var scopes = identity.Scopes;
        if (request.Scopes.Count > 0)
        {
            var notGranted = request.Scopes.Where(scope => !identity.Scopes.Contains(scope)).ToList();
            if (notGranted.Count > 0)
            {
                RpcErrors.PermissionDenied($"scopes not granted to client '{identity.ClientId}': {string.Join(", ", notGranted)}");
            }

            scopes = [.. request.Scopes.Distinct(StringComparer.Ordinal)];
        }

        var settings = options.Value;
        var issuedAt = time.GetUtcNow();
        var expiresAt = issuedAt + settings.AccessTokenLifetime;
        var claims = new AccessTokenClaims(
            settings.Issuer, settings.Audience, identity.ClientId, identity.TenantId, scopes, issuedAt, expiresAt);
        var token = await grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.DefaultKey)
            .Sign(claims).WaitAsync(context.CancellationToken);
        LogIssued(logger, identity.ClientId, identity.TenantId, string.Join(' ', scopes));
        return new IssueTokenResponse
        {
            AccessToken = token,
            TokenType = "Bearer",
            ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt),
            ExpiresInSeconds = (long)settings.AccessTokenLifetime.TotalSeconds,
            TenantId = identity.TenantId,
            Scopes = { scopes },
        };
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Access token issued to {ClientId} for tenant {TenantId} with scopes {Scopes}")]
    private static partial void LogIssued(ILogger logger, string clientId, string tenantId, string scopes);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Token request of {ClientId} from {Address} rejected: invalid client credentials")]
    private static partial void LogRejected(ILogger logger, string clientId, string address);

    // Debug: a flood of refused requests must not become a flood of warnings (the failures before it were logged).
    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug, Message = "Token request of {ClientId} from {Address} refused: too many failed requests")]
    private static partial void LogThrottled(ILogger logger, string clientId, string address);
}
