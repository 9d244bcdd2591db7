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
        var listed = await Grains.GetGrain<ISessionRevocationGrain>(ISessionRevocationGrain.DefaultKey).GetSince(0);
        var (firstId, secondId) = ((await first.Get())!.SessionId, (await second.Get())!.SessionId);
        Assert.Contains(listed!.Sessions, s => s.SessionId == firstId);
        Assert.Contains(listed.Sessions, s => s.SessionId == secondId);
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
    public async Task OpeningOneMoreThanTheMostAnAccountHolds_RevokesTheOldest()
    {
        var (tenant, account) = await NewAccountAsync();
        var max = new SessionOptions().MaxSessionsPerAccount;
        var (oldest, _) = await OpenAsync(tenant, account);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var rest = new List<ISessionGrain>();
        for (var i = 1; i < max; i++)
        {
            rest.Add((await OpenAsync(tenant, account)).Session);
        }

        Assert.Null((await oldest.Get())!.RevokedAt);
        var (newest, _) = await OpenAsync(tenant, account);

        Assert.NotNull((await oldest.Get())!.RevokedAt);
        Assert.Null((await newest.Get())!.RevokedAt);
        Assert.Equal(max, await Grains.GetGrain<IAccountSessionsGrain>(GridKeys.Account(tenant, account)).RevokeAll());
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
