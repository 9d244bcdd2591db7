using Grid.Abstractions.Oidc;
using Grid.Grains.Oidc;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Oidc;

/// <summary>One-time codes, refresh-token rotation and reuse detection of <c>OidcGrantGrain</c>, on the cluster's fake clock.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OidcGrantGrainTests(ClusterFixture fixture)
{
    private static readonly OidcGrant Grant = new("app_0123456789abcdef", "acc_1", ["openid", "offline_access"], DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Code_RedeemsOnce_ThenRotatesThroughRefreshTokens_EachRedeemingOnce()
    {
        var (grant, _) = await OpenAsync("code");

        Assert.Equal(OidcRedemption.Redeemed, await grant.Redeem("code"));
        Assert.True(await grant.Rotate("refresh-1", Now + TimeSpan.FromDays(14)));
        Assert.Equal(OidcRedemption.Invalid, await grant.Redeem("refresh-0"));
        Assert.Equal(OidcRedemption.Redeemed, await grant.Redeem("refresh-1"));
        Assert.True(await grant.Rotate("refresh-2", Now + TimeSpan.FromDays(14)));

        Assert.Equal(Grant.ClientId, (await grant.Get())?.ClientId);
    }

    [Fact]
    public async Task ASpentRefreshToken_PresentedAgain_RevokesTheGrant_AndItsCurrentTokenWithIt()
    {
        var (grant, _) = await OpenAsync("code");
        await grant.Redeem("code");
        await grant.Rotate("refresh-1", Now + TimeSpan.FromDays(14));
        await grant.Redeem("refresh-1");
        await grant.Rotate("refresh-2", Now + TimeSpan.FromDays(14));

        Assert.Equal(OidcRedemption.Replayed, await grant.Redeem("refresh-1"));
        Assert.Equal(OidcRedemption.Invalid, await grant.Redeem("refresh-2"));
        Assert.False(await grant.Rotate("refresh-3", Now + TimeSpan.FromDays(14)));
        Assert.Null(await grant.Get());
    }

    [Fact]
    public async Task AReplayedCode_RevokesTheGrant()
    {
        var (grant, _) = await OpenAsync("code");
        await grant.Redeem("code");
        await grant.Rotate("refresh-1", Now + TimeSpan.FromDays(14));

        Assert.Equal(OidcRedemption.Replayed, await grant.Redeem("code"));
        Assert.Equal(OidcRedemption.Invalid, await grant.Redeem("refresh-1"));
    }

    [Fact]
    public async Task ACodePastItsExpiry_IsNotRedeemed()
    {
        var (grant, expiresAt) = await OpenAsync("code");

        fixture.Time.Advance(expiresAt - Now);

        Assert.Equal(OidcRedemption.Invalid, await grant.Redeem("code"));
        Assert.Null(await grant.Get());
    }

    // Without offline_access no refresh token follows the code: the grant stays valid for its access token (userinfo)
    // and then ends, with nothing to redeem meanwhile.
    [Fact]
    public async Task AGrantWithoutRefreshTokens_LastsUntilItsAccessTokenExpires()
    {
        var (grant, _) = await OpenAsync("code");
        await grant.Redeem("code");
        var accessTokenExpiry = Now + TimeSpan.FromMinutes(10);

        Assert.True(await grant.Rotate(null, accessTokenExpiry));
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Grant.ClientId, (await grant.Get())?.ClientId);
        Assert.Equal(OidcRedemption.Invalid, await grant.Redeem(""));
        fixture.Time.Advance(accessTokenExpiry - Now);
        Assert.Null(await grant.Get());
    }

    [Fact]
    public async Task Revoke_EndsTheGrant_AndOpeningItsKeyAgainIsAConflict()
    {
        var (grant, expiresAt) = await OpenAsync("code");

        await grant.Revoke();

        Assert.Equal(OidcRedemption.Invalid, await grant.Redeem("code"));
        Assert.Null(await grant.Get());
        var error = await Assert.ThrowsAsync<Abstractions.GridException>(() => grant.Open(Grant, "another", expiresAt));
        Assert.Equal(Abstractions.GridErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task ItsReminder_PrunesAnEndedGrantsRow_AndKeepsALiveOne()
    {
        var (revoked, _) = await OpenAsync("code");
        await revoked.Revoke();
        var (expired, _) = await OpenAsync("code");
        await expired.Redeem("code");
        await expired.Rotate(null, Now + TimeSpan.FromMinutes(10));
        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        var (live, _) = await OpenAsync("code");

        foreach (var grant in new[] { revoked, expired, live })
        {
            await grant.AsReference<IRemindable>().ReceiveReminder(OidcGrantGrain.PruneReminder, default);
        }

        Assert.Null((await RawState.ReadAsync<OidcGrantState>(fixture, "oidc-grant", revoked)).Grant);
        Assert.Null((await RawState.ReadAsync<OidcGrantState>(fixture, "oidc-grant", expired)).Grant);
        Assert.NotNull((await RawState.ReadAsync<OidcGrantState>(fixture, "oidc-grant", live)).Grant);
        Assert.Equal(OidcRedemption.Invalid, await revoked.Redeem("code"));
        Assert.Equal(OidcRedemption.Redeemed, await live.Redeem("code"));
    }

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private async Task<(IOidcGrantGrain Grant, DateTimeOffset ExpiresAt)> OpenAsync(string codeId)
    {
        var grant = fixture.Client.GetGrain<IOidcGrantGrain>($"{TestIds.NewTenantId()}/grt_{Guid.NewGuid():N}");
        var expiresAt = Now + TimeSpan.FromMinutes(1);
        await grant.Open(Grant, codeId, expiresAt);
        return (grant, expiresAt);
    }
}
