using Grid.Abstractions.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Host.Grpc;

/// <summary>
/// Feeds the JwtBearer handler the signing keys straight from <see cref="ISigningKeyGrain"/> instead of an HTTP
/// metadata document: the key set rotates inside the cluster, so each silo reads it through Orleans and caches it for
/// <see cref="GridAuthOptions.KeyCacheDuration"/>. An unknown key id makes the handler ask for a refresh, which is
/// granted at most once a second so that tokens with made-up key ids cannot flood the grain.
/// </summary>
internal sealed class SigningKeyConfigurationManager(
    IGrainFactory grains, TimeProvider time, IOptions<GridAuthOptions> options) : IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _current;
    private long _forcedRefreshAfterTicks = long.MaxValue;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is { } fresh && !IsStale(fresh))
        {
            return fresh.Configuration;
        }

        await _gate.WaitAsync(cancel);
        try
        {
            if (_current is { } again && !IsStale(again))
            {
                return again.Configuration;
            }

            var keys = await GetPublicKeysAsync(cancel);
            var configuration = new OpenIdConnectConfiguration { Issuer = options.Value.Issuer };
            foreach (var key in keys)
            {
                configuration.SigningKeys.Add(key);
            }

            var loaded = new Snapshot(configuration, time.GetUtcNow());
            Interlocked.Exchange(ref _forcedRefreshAfterTicks, long.MaxValue);
            _current = loaded;
            return configuration;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void RequestRefresh()
    {
        var loadedAt = _current?.LoadedAt ?? DateTimeOffset.MinValue;
        Interlocked.Exchange(ref _forcedRefreshAfterTicks, (loadedAt + MinimumRefreshInterval).UtcTicks);
    }

    /// <summary>The public keys as JWKs, for validation and for the published JWKS document.</summary>
    public async Task<IReadOnlyList<JsonWebKey>> GetPublicKeysAsync(CancellationToken cancel)
    {
        var keys = await grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.DefaultKey).GetPublicKeys().WaitAsync(cancel);
        return [.. keys.Select(ToJsonWebKey)];
    }

    private static JsonWebKey ToJsonWebKey(PublicSigningKey key) => new()
    {
        Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve,
        Crv = key.Curve,
        X = key.X,
        Y = key.Y,
        Kid = key.KeyId,
        Alg = key.Algorithm,
        Use = JsonWebKeyUseNames.Sig,
    };

    private bool IsStale(Snapshot snapshot)
    {
        var now = time.GetUtcNow();
        return now >= snapshot.LoadedAt + options.Value.KeyCacheDuration
            || now.UtcTicks >= Interlocked.Read(ref _forcedRefreshAfterTicks);
    }

    private sealed record Snapshot(OpenIdConnectConfiguration Configuration, DateTimeOffset LoadedAt);
}
