using System.Buffers.Text;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Grid.Abstractions.Auth;
using Grid.Grains.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Grains.Auth;

public sealed partial class SigningKeyGrain(
    [PersistentState("signing-keys", "grid")] IPersistentState<SigningKeySetState> state,
    ISecretSealer sealer,
    IOptions<SigningKeyOptions> options,
    TimeProvider time,
    ILogger<SigningKeyGrain> logger) : Grain, ISigningKeyGrain
{
    private const string Curve = JsonWebKeyECTypes.P256;
    private const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Dictionary<string, ECDsaSecurityKey> _unsealed = new(StringComparer.Ordinal);

    public Task<string> Sign(AccessTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return SignAsync(claims.Issuer, claims.Audience, claims.IssuedAt, claims.ExpiresAt, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = claims.ClientId,
            [AccessTokenClaimTypes.ClientId] = claims.ClientId,
            [AccessTokenClaimTypes.Tenant] = claims.TenantId,
            [AccessTokenClaimTypes.Scope] = string.Join(' ', claims.Scopes),
        });
    }

    public Task<string> SignSession(SessionTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return SignAsync(claims.Issuer, claims.Audience, claims.IssuedAt, claims.ExpiresAt, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = claims.AccountId,
            [AccessTokenClaimTypes.Tenant] = claims.TenantId,
            [AccessTokenClaimTypes.SessionId] = claims.SessionId,
            [AccessTokenClaimTypes.AuthenticationMethods] = new[] { claims.AuthenticationMethod },
            [AccessTokenClaimTypes.TokenType] = AccessTokenClaimTypes.EndUserTokenType,
        });
    }

    private async Task<string> SignAsync(
        string issuer, string audience, DateTimeOffset issuedAt, DateTimeOffset expiresAt, Dictionary<string, object> claims)
    {
        var now = time.GetUtcNow();
        await MaintainAsync(now);
        var active = ActiveKey(state.State.Keys, now);
        claims[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N");
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            TokenType = "at+jwt",
            Claims = claims,
            SigningCredentials = new SigningCredentials(PrivateKey(active), Algorithm),
        };
        return _handler.CreateToken(descriptor);
    }

    public async Task<ImmutableArray<PublicSigningKey>> GetPublicKeys()
    {
        await MaintainAsync(time.GetUtcNow());
        return [.. state.State.Keys.Select(key => new PublicSigningKey(key.KeyId, Algorithm, Curve, key.X, key.Y))];
    }

    public async Task<string> Rotate()
    {
        var now = time.GetUtcNow();
        var key = NewKey(now, now + options.Value.PropagationDelay);
        var next = Pruned([.. state.State.Keys, key], now);
        await WriteAsync(next);
        LogPublished(logger, key.KeyId, key.ActivatesAt);
        return key.KeyId;
    }

    // Keeps the set in shape: a first key at once, the next one published a propagation delay before the active
    // one's period ends, and retired keys dropped once the tokens they signed have expired. The new set is built
    // aside and becomes the grain's only once stored (write-or-revert), so a failed write leaves the set as it was.
    private async Task MaintainAsync(DateTimeOffset now)
    {
        var settings = options.Value;
        var keys = state.State.Keys;
        SigningKeyRecord? published = null;
        if (keys.Count == 0)
        {
            published = NewKey(now, now);
        }
        else
        {
            var newest = keys.MaxBy(key => key.ActivatesAt)!;
            if (newest.ActivatesAt <= now && now >= newest.ActivatesAt + settings.RotationPeriod - settings.PropagationDelay)
            {
                published = NewKey(now, Max(now + settings.PropagationDelay, newest.ActivatesAt + settings.RotationPeriod));
            }
        }

        var next = Pruned(published is null ? keys : [.. keys, published], now);
        if (published is null && next.Count == keys.Count)
        {
            return;
        }

        await WriteAsync(next);
        if (published is not null && keys.Count > 0)
        {
            LogPublished(logger, published.KeyId, published.ActivatesAt);
        }
    }

    private async Task WriteAsync(List<SigningKeyRecord> keys)
    {
        await state.WriteOrRevertAsync(new SigningKeySetState { Keys = keys });
        foreach (var id in _unsealed.Keys.Where(id => keys.TrueForAll(k => k.KeyId != id)).ToList())
        {
            _unsealed.Remove(id);
        }
    }

    private List<SigningKeyRecord> Pruned(List<SigningKeyRecord> keys, DateTimeOffset now)
    {
        var active = ActiveKey(keys, now);
        var retention = options.Value.RetiredKeyRetention;
        return [.. keys.Where(key => key.ActivatesAt >= active.ActivatesAt || RetiredAt(keys, key) + retention >= now)];
    }

    // A key retires when the next key (by activation) starts signing.
    private static DateTimeOffset RetiredAt(List<SigningKeyRecord> keys, SigningKeyRecord key) =>
        keys.Where(other => other.ActivatesAt > key.ActivatesAt).Min(other => other.ActivatesAt);

    private static SigningKeyRecord ActiveKey(List<SigningKeyRecord> keys, DateTimeOffset now) =>
        keys.Where(key => key.ActivatesAt <= now).MaxBy(key => key.ActivatesAt)
        ?? keys.MinBy(key => key.ActivatesAt)!;

    private ECDsaSecurityKey PrivateKey(SigningKeyRecord record)
    {
        if (!_unsealed.TryGetValue(record.KeyId, out var key))
        {
            var pkcs8 = Convert.FromBase64String(sealer.Unseal(record.SealedPrivateKey, SealContext(record.KeyId)));
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            CryptographicOperations.ZeroMemory(pkcs8);
            key = new ECDsaSecurityKey(ecdsa) { KeyId = record.KeyId };
            _unsealed[record.KeyId] = key;
        }

        return key;
    }

    private SigningKeyRecord NewKey(DateTimeOffset now, DateTimeOffset activatesAt)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        try
        {
            return new SigningKeyRecord
            {
                KeyId = keyId,
                CreatedAt = now,
                ActivatesAt = activatesAt,
                SealedPrivateKey = sealer.Seal(Convert.ToBase64String(pkcs8), SealContext(keyId)),
                X = Base64Url.EncodeToString(parameters.Q.X),
                Y = Base64Url.EncodeToString(parameters.Q.Y),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static string SealContext(string keyId) => $"signing-key:{keyId}";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Signing key {KeyId} published; it signs from {ActivatesAt:O}")]
    private static partial void LogPublished(ILogger logger, string keyId, DateTimeOffset activatesAt);
}
