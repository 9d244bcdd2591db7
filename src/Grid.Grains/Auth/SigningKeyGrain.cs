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

    public async Task<string> Sign(AccessTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var now = time.GetUtcNow();
        await MaintainAsync(now);
        var active = ActiveKey(now);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = claims.Issuer,
            Audience = claims.Audience,
            IssuedAt = claims.IssuedAt.UtcDateTime,
            NotBefore = claims.IssuedAt.UtcDateTime,
            Expires = claims.ExpiresAt.UtcDateTime,
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = claims.ClientId,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                [AccessTokenClaimTypes.ClientId] = claims.ClientId,
                [AccessTokenClaimTypes.Tenant] = claims.TenantId,
                [AccessTokenClaimTypes.Scope] = string.Join(' ', claims.Scopes),
            },
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
        state.State.Keys.Add(key);
        Prune(now);
        await state.WriteStateAsync();
        LogPublished(logger, key.KeyId, key.ActivatesAt);
        return key.KeyId;
    }

    // Keeps the set in shape: a first key at once, the next one published a propagation delay before the active
    // one's period ends, and retired keys dropped once the tokens they signed have expired.
    private async Task MaintainAsync(DateTimeOffset now)
    {
        var settings = options.Value;
        var changed = false;
        if (state.State.Keys.Count == 0)
        {
            state.State.Keys.Add(NewKey(now, now));
            changed = true;
        }
        else
        {
            var newest = state.State.Keys.MaxBy(key => key.ActivatesAt)!;
            if (newest.ActivatesAt <= now && now >= newest.ActivatesAt + settings.RotationPeriod - settings.PropagationDelay)
            {
                var next = NewKey(now, Max(now + settings.PropagationDelay, newest.ActivatesAt + settings.RotationPeriod));
                state.State.Keys.Add(next);
                LogPublished(logger, next.KeyId, next.ActivatesAt);
                changed = true;
            }
        }

        changed |= Prune(now);
        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    private bool Prune(DateTimeOffset now)
    {
        var active = ActiveKey(now);
        var retention = options.Value.RetiredKeyRetention;
        var removed = state.State.Keys.RemoveAll(key =>
            key.ActivatesAt < active.ActivatesAt
            && RetiredAt(key) + retention < now);
        foreach (var key in _unsealed.Keys.Where(id => state.State.Keys.TrueForAll(k => k.KeyId != id)).ToList())
        {
            _unsealed.Remove(key);
        }

        return removed > 0;
    }

    // A key retires when the next key (by activation) starts signing.
    private DateTimeOffset RetiredAt(SigningKeyRecord key) =>
        state.State.Keys.Where(other => other.ActivatesAt > key.ActivatesAt).Min(other => other.ActivatesAt);

    private SigningKeyRecord ActiveKey(DateTimeOffset now) =>
        state.State.Keys.Where(key => key.ActivatesAt <= now).MaxBy(key => key.ActivatesAt)
        ?? state.State.Keys.MinBy(key => key.ActivatesAt)!;

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
