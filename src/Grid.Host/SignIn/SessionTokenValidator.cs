using System.Collections.Immutable;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Sessions;
using Grid.Host.Grpc;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Host.SignIn;

/// <summary>
/// Checks end users' access tokens on this silo alone: the signature against the key set the silo caches
/// (<see cref="SigningKeyConfigurationManager"/>, the JWKS), issuer, audience, lifetime, the end-user token type, the
/// tenant, and the session against <see cref="RevokedSessions"/>. No grain call on the way, so it can be asked on
/// every request of a front end.
/// </summary>
internal sealed class SessionTokenValidator(
    SigningKeyConfigurationManager keys, RevokedSessions revoked, TimeProvider time, IOptions<GridAuthOptions> options)
{
    private static readonly Dictionary<string, SignInMethod> MethodsByAmr =
        Enum.GetValues<SignInMethod>().ToDictionary(SignInMethods.Amr, StringComparer.Ordinal);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    // Tokens whose signature and content were checked here; expiry and revocation are still checked on every call.
    private readonly ValidatedTokenCache<ValidatedToken> _checked = new(time);

    /// <summary>
    /// The token's content, or null when it is not a valid, unrevoked end-user token of <paramref name="tenantId"/>
    /// (which part failed is not told). UNAVAILABLE when this silo cannot vouch for revocations now (its copy is
    /// older than <see cref="SignInOptions.RevocationMaxStaleness"/>): failing closed beats accepting a revoked session.
    /// </summary>
    public async Task<ValidatedToken?> ValidateAsync(string tenantId, string token, CancellationToken cancel)
    {
        if (!revoked.IsCurrent)
        {
            throw new RpcException(new Status(
                StatusCode.Unavailable, "this silo's list of revoked sessions is not current; retry (another silo may answer)"));
        }

        if (_checked.Get(token) is { } known)
        {
            return known.TenantId == tenantId && !revoked.IsRevoked(tenantId, known.SessionId) ? known : null;
        }

        var result = await CheckAsync(token, cancel);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key the silo has not read yet (rotation outran the cache): read the set again, at most once a second.
            keys.RequestRefresh();
            result = await CheckAsync(token, cancel);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return null;
        }

        if (!jwt.TryGetPayloadValue<string>(AccessTokenClaimTypes.TokenType, out var type) || type != AccessTokenClaimTypes.EndUserTokenType
            || !jwt.TryGetPayloadValue<string>(AccessTokenClaimTypes.Tenant, out var tokenTenant) || string.IsNullOrEmpty(tokenTenant)
            || !jwt.TryGetPayloadValue<string>(AccessTokenClaimTypes.SessionId, out var sessionId) || string.IsNullOrEmpty(sessionId)
            || string.IsNullOrEmpty(jwt.Subject))
        {
            return null;
        }

        var amr = jwt.TryGetPayloadValue<string[]>(AccessTokenClaimTypes.AuthenticationMethods, out var methods) ? methods : [];
        SignInMethod? method = amr.Length == 1 && MethodsByAmr.TryGetValue(amr[0], out var named) ? named : null;
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var validated = new ValidatedToken(
            tokenTenant, jwt.Subject, sessionId, method, new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero), expiresAt, Claims(jwt));
        _checked.Add(token, validated, expiresAt + options.Value.ClockSkew);
        return validated.TenantId == tenantId && !revoked.IsRevoked(tenantId, sessionId) ? validated : null;
    }

    private async Task<TokenValidationResult> CheckAsync(string token, CancellationToken cancel)
    {
        var configuration = await keys.GetConfigurationAsync(cancel);
        var settings = options.Value;
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            IssuerSigningKeys = configuration.SigningKeys,
            ClockSkew = settings.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
    }

    private static ImmutableSortedDictionary<string, string> Claims(JsonWebToken jwt)
    {
        var claims = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var group in jwt.Claims.GroupBy(claim => claim.Type, StringComparer.Ordinal))
        {
            claims[group.Key] = string.Join(' ', group.Select(claim => claim.Value));
        }

        return claims.ToImmutable();
    }
}
