using Grid.Abstractions.Auth;
using Grid.Grains.Auth;
using Grid.Grains.Secrets;
using Grid.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Grains.Tests.Auth;

[Collection(ClusterCollection.Name)]
public sealed class SigningKeyGrainTests(ClusterFixture fixture)
{
    // The defaults of SigningKeyOptions (the host derives its own from the token settings).
    private static readonly SigningKeyOptions Options = new();

    private ISigningKeyGrain NewKeySet() => fixture.Client.GetGrain<ISigningKeyGrain>($"test-{Guid.NewGuid():N}");

    [Fact]
    public async Task Sign_MakesAnES256TokenThatThePublishedKeyValidates()
    {
        var keys = NewKeySet();
        var now = fixture.Time.GetUtcNow();

        var token = await keys.Sign(new AccessTokenClaims("grid", "grid-api", "gc_a", "acme", ["admin"], now, now.AddMinutes(10)));
        var published = await keys.GetPublicKeys();

        var jwt = new JsonWebToken(token);
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal(Assert.Single(published).KeyId, jwt.Kid);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "grid",
            ValidAudience = "grid-api",
            IssuerSigningKeys = published.Select(Jwk),
            LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("acme", jwt.GetClaim("tenant").Value);
    }

    [Fact]
    public async Task PrivateKey_IsSealedAtRest()
    {
        var keys = NewKeySet();
        await keys.GetPublicKeys();

        var state = await RawState.ReadAsync<SigningKeySetState>(fixture, "signing-keys", keys);
        var record = Assert.Single(state.Keys);
        var sealer = fixture.SiloServices.GetRequiredService<ISecretSealer>();
        var pkcs8 = sealer.Unseal(record.SealedPrivateKey, $"signing-key:{record.KeyId}");

        Assert.False(RawState.Contains(fixture, state, pkcs8), "the private key is stored in clear");
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => sealer.Unseal(record.SealedPrivateKey, "signing-key:other"));
    }

    [Fact]
    public async Task Rotation_PublishesTheNextKeyBeforeItSigns_AndDropsTheOldOneAfterItsTokensExpire()
    {
        var keys = NewKeySet();
        var first = Assert.Single(await keys.GetPublicKeys()).KeyId;

        fixture.Time.Advance(Options.RotationPeriod - Options.PropagationDelay + TimeSpan.FromSeconds(1));
        var published = (await keys.GetPublicKeys()).Select(k => k.KeyId).ToList();
        var signer = await KidOfNewTokenAsync(keys);
        fixture.Time.Advance(Options.PropagationDelay);
        var nextSigner = await KidOfNewTokenAsync(keys);
        var bothPublished = (await keys.GetPublicKeys()).Select(k => k.KeyId).ToList();
        fixture.Time.Advance(Options.RetiredKeyRetention + TimeSpan.FromSeconds(1));
        var afterRetention = (await keys.GetPublicKeys()).Select(k => k.KeyId).ToList();

        Assert.Equal(2, published.Count);
        Assert.Equal(first, signer);
        Assert.NotEqual(first, nextSigner);
        Assert.Contains(nextSigner, published);
        Assert.Equal(published.Order(), bothPublished.Order());
        Assert.Equal([nextSigner], afterRetention);
    }

    [Fact]
    public async Task Rotate_PublishesANewKeyAtOnce_ThatSignsOnlyAfterThePropagationDelay()
    {
        var keys = NewKeySet();
        var first = await KidOfNewTokenAsync(keys);

        var rotated = await keys.Rotate();
        var stillFirst = await KidOfNewTokenAsync(keys);
        var published = (await keys.GetPublicKeys()).Select(k => k.KeyId).ToList();
        fixture.Time.Advance(Options.PropagationDelay);

        Assert.Equal(first, stillFirst);
        Assert.Contains(rotated, published);
        Assert.Equal(rotated, await KidOfNewTokenAsync(keys));
    }

    [Fact]
    public async Task Rotate_WhenTheWriteFails_LeavesTheKeySetAsItWas()
    {
        var keys = NewKeySet();
        var before = await keys.GetPublicKeys();

        using (FailWritesOf(keys))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => keys.Rotate());
        }

        var first = Assert.Single(before).KeyId;
        Assert.Equal([first], (await keys.GetPublicKeys()).Select(k => k.KeyId));
        Assert.Equal(first, await KidOfNewTokenAsync(keys));
    }

    [Fact]
    public async Task Maintenance_WhenTheWriteFails_PublishesNoKeyThatWasNotStored()
    {
        var keys = NewKeySet();
        var first = Assert.Single(await keys.GetPublicKeys()).KeyId;
        fixture.Time.Advance(Options.RotationPeriod);

        using (FailWritesOf(keys))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => keys.GetPublicKeys());
        }

        var stored = await RawState.ReadAsync<SigningKeySetState>(fixture, "signing-keys", keys);
        var published = (await keys.GetPublicKeys()).Select(k => k.KeyId).ToList();
        Assert.Equal([first], stored.Keys.Select(k => k.KeyId));
        Assert.Equal(2, published.Count);
        Assert.Contains(first, published);
    }

    [Fact]
    public async Task SignSession_MakesAnEndUserToken_WithAccountSessionAndMethod_AndNoScope()
    {
        var keys = NewKeySet();
        var now = fixture.Time.GetUtcNow();

        var token = new JsonWebToken(await keys.SignSession(
            new SessionTokenClaims("grid", "grid-api", "acme", "acc_1", "ses_1", "pwd", now, now.AddMinutes(10))));

        Assert.Equal("acc_1", token.Subject);
        Assert.Equal("ses_1", token.GetClaim(AccessTokenClaimTypes.SessionId).Value);
        Assert.Equal("pwd", token.GetClaim(AccessTokenClaimTypes.AuthenticationMethods).Value);
        Assert.Equal(AccessTokenClaimTypes.EndUserTokenType, token.GetClaim(AccessTokenClaimTypes.TokenType).Value);
        Assert.False(token.TryGetClaim(AccessTokenClaimTypes.Scope, out _));
        Assert.False(token.TryGetClaim(AccessTokenClaimTypes.ClientId, out _));
    }

    private IDisposable FailWritesOf(ISigningKeyGrain keys)
    {
        var id = keys.GetGrainId();
        return fixture.StorageFaults.FailWhile((name, grain) => name == "signing-keys" && grain == id);
    }

    private async Task<string> KidOfNewTokenAsync(ISigningKeyGrain keys)
    {
        var now = fixture.Time.GetUtcNow();
        return new JsonWebToken(await keys.Sign(new AccessTokenClaims("grid", "grid-api", "gc", "t", ["admin"], now, now.AddMinutes(5)))).Kid;
    }

    private static JsonWebKey Jwk(PublicSigningKey key) => new()
    {
        Kty = "EC", Crv = key.Curve, X = key.X, Y = key.Y, Kid = key.KeyId, Alg = key.Algorithm,
    };
}
