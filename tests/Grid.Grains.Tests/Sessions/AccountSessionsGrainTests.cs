using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Grains.Sessions;
using Grid.Grains.Tests.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class AccountSessionsGrainTests(ClusterFixture fixture)
{
    private static readonly SessionClient Client = new("203.0.113.8", "test-browser");

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task SetPassword_RevokesEverySessionOfTheAccount_AndListsThemAsRevokedOnEverySilo()
    {
        var (tenant, account) = await NewAccountAsync();
        var (first, firstToken) = await OpenAsync(tenant, account);
        var (second, secondToken) = await OpenAsync(tenant, account);

        await Account(tenant, account).SetPassword("a new password");

        Assert.Equal(RefreshRefusal.Revoked, (await first.Refresh(Secret(firstToken))).Refusal);
        Assert.Equal(RefreshRefusal.Revoked, (await second.Refresh(Secret(secondToken))).Refusal);
        Assert.True(await IsListedAsync(first));
        Assert.True(await IsListedAsync(second));
    }

    [Theory]
    [InlineData(AccountStatus.Disabled)]
    [InlineData(AccountStatus.Deleted)]
    public async Task AnAccountLeavingActive_LosesItsSessionsAtOnce(AccountStatus status)
    {
        var (tenant, account) = await NewAccountAsync();
        var (session, _) = await OpenAsync(tenant, account);

        await Account(tenant, account).SetStatus(status);

        Assert.NotNull((await session.Get())!.RevokedAt);
    }

    [Fact]
    public async Task AProfileChange_KeepsTheSessions_AndSessionsOpenedAfterARevocationLive()
    {
        var (tenant, account) = await NewAccountAsync();
        await Account(tenant, account).SetPassword("the first password");
        var (session, token) = await OpenAsync(tenant, account);

        await Account(tenant, account).Update(new AccountProfile("u" + account[^8..], "Renamed", null, null));

        Assert.Equal(RefreshRefusal.None, (await session.Refresh(Secret(token))).Refusal);
        Assert.Null((await session.Get())!.RevokedAt);
    }

    [Fact]
    public async Task RevokeAll_WithNothingRegistered_RevokesNothing()
    {
        var (tenant, account) = await NewAccountAsync();

        Assert.Equal(0, await Grains.GetGrain<IAccountSessionsGrain>(GridKeys.Account(tenant, account)).RevokeAll());
    }

    [Fact]
    public async Task OpeningOneMoreThanTheMostAnAccountHolds_EndsTheOldestUnannounced_UntilTheAccountsSessionsAreRevoked()
    {
        var (tenant, account) = await NewAccountAsync();
        var max = new SessionOptions().MaxSessionsPerAccount;
        var (oldest, oldestToken) = await OpenAsync(tenant, account);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var rest = new List<ISessionGrain>();
        for (var i = 1; i < max; i++)
        {
            rest.Add((await OpenAsync(tenant, account)).Session);
        }

        Assert.Null((await oldest.Get())!.RevokedAt);
        var (newest, _) = await OpenAsync(tenant, account);

        Assert.NotNull((await oldest.Get())!.RevokedAt);
        Assert.Equal(RefreshRefusal.Revoked, (await oldest.Refresh(Secret(oldestToken))).Refusal);
        Assert.False(await IsListedAsync(oldest));
        Assert.Null((await newest.Get())!.RevokedAt);
        Assert.Equal(max, await Grains.GetGrain<IAccountSessionsGrain>(GridKeys.Account(tenant, account)).RevokeAll());
        Assert.True(await IsListedAsync(oldest));
    }

    [Fact]
    public async Task EvictionsBeyondTheMostRemembered_AreAnnouncedAtOnce()
    {
        var (tenant, account) = await NewAccountAsync();
        var max = new SessionOptions().MaxSessionsPerAccount;
        var opened = new List<ISessionGrain>();
        for (var i = 0; i < (2 * max) + 1; i++)
        {
            opened.Add((await OpenAsync(tenant, account)).Session);
            fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var announced = await Task.WhenAll(opened.Take(max + 1).Select(IsListedAsync));

        Assert.True(announced[0]);
        Assert.All(announced.Skip(1), Assert.False);
        Assert.All(await Task.WhenAll(opened.Take(max + 1).Select(s => s.Get())), view => Assert.NotNull(view!.RevokedAt));
    }

    private async Task<bool> IsListedAsync(ISessionGrain session)
    {
        var view = (await session.Get())!;
        var listed = await Grains.GetGrain<ISessionRevocationGrain>(SessionKeys.RevocationList(SessionKeys.RevocationListOf(view.SessionId))).GetSince(0);
        return listed is not null && listed.Sessions.Any(s => s.SessionId == view.SessionId && s.TenantId == view.TenantId);
    }

    private IAccountGrain Account(string tenant, string account) => Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, account));

    private async Task<(ISessionGrain Session, string RefreshToken)> OpenAsync(string tenant, string account)
    {
        var session = Grains.GetGrain<ISessionGrain>(SessionKeys.Session(tenant, SessionKeys.NewSessionId()));
        var grant = await session.Open(new SessionOpening(account, SignInMethod.Password, Client));
        return (session, grant.RefreshToken);
    }

    private static string Secret(string refreshToken) =>
        SessionKeys.TryParseRefreshToken(refreshToken, out _, out _, out var secret) ? secret : throw new ArgumentException("not a refresh token");

    private async Task<(string Tenant, string Account)> NewAccountAsync()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = GridKeys.NewAccountId();
        await Account(tenant, account).Create(AccountGrainTests.Spec("u" + account[^8..], null, null));
        return (tenant, account);
    }
}
