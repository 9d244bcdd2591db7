using System.Collections.Concurrent;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Grains.Sessions;
using Grid.Grains.Tests.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(ClusterFixture fixture)
{
    private static readonly SessionOptions Options = new();
    private static readonly SessionClient Client = new("203.0.113.7", "test-browser");

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Open_ForAnActiveAccount_RecordsTheSessionAndKeepsOnlyTheRefreshTokensHash()
    {
        var (tenant, account) = await NewAccountAsync();
        var session = NewSession(tenant, out var sessionId);

        var grant = await session.Open(new SessionOpening(account, SignInMethod.Password, Client));

        Assert.Equal((tenant, sessionId, account, SignInMethod.Password, Client), (grant.Session.TenantId, grant.Session.SessionId, grant.Session.AccountId, grant.Session.Method, grant.Session.Client));
        Assert.Equal(fixture.Time.GetUtcNow() + Options.IdleTimeout, grant.Session.ExpiresAt);
        Assert.True(SessionKeys.TryParseRefreshToken(grant.RefreshToken, out var t, out var s, out var secret));
        Assert.Equal((tenant, sessionId), (t, s));
        var state = await RawState.ReadAsync<SessionState>(fixture, "session", session);
        Assert.False(RawState.Contains(fixture, state, secret), "the refresh token is stored in clear");
        Assert.Equal(grant.Session, await session.Get());
    }

    [Fact]
    public async Task Open_ForADisabledAccount_IsRefusedAndStoresNothing()
    {
        var (tenant, account) = await NewAccountAsync();
        await Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, account)).SetStatus(AccountStatus.Disabled);
        var session = NewSession(tenant, out _);

        var error = await Assert.ThrowsAsync<GridException>(() => session.Open(new SessionOpening(account, SignInMethod.Password, Client)));

        Assert.Equal(GridErrorKind.FailedPrecondition, error.Kind);
        Assert.Contains("disabled", error.Message, StringComparison.Ordinal);
        Assert.Null(await session.Get());
    }

    [Fact]
    public async Task Open_Twice_IsAConflict()
    {
        var (tenant, account) = await NewAccountAsync();
        var session = NewSession(tenant, out _);
        await session.Open(new SessionOpening(account, SignInMethod.SmsCode, Client));

        var error = await Assert.ThrowsAsync<GridException>(() => session.Open(new SessionOpening(account, SignInMethod.SmsCode, Client)));

        Assert.Equal(GridErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task Refresh_RotatesTheToken_AndTheSpentOneRevokesTheSessionWhenPresentedAgain()
    {
        var (tenant, account) = await NewAccountAsync();
        var session = NewSession(tenant, out _);
        var first = await session.Open(new SessionOpening(account, SignInMethod.Password, Client));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var second = await session.Refresh(Secret(first.RefreshToken));
        var reused = await session.Refresh(Secret(first.RefreshToken));
        var afterReuse = await session.Refresh(Secret(second.Grant!.RefreshToken));

        Assert.Equal(RefreshRefusal.None, second.Refusal);
        Assert.NotEqual(first.RefreshToken, second.Grant.RefreshToken);
        Assert.Equal(fixture.Time.GetUtcNow(), second.Grant.Session.RefreshedAt);
        Assert.Equal(RefreshRefusal.Reused, reused.Refusal);
        Assert.Equal(RefreshRefusal.Revoked, afterReuse.Refusal);
        Assert.NotNull((await session.Get())!.RevokedAt);
    }

    [Fact]
    public async Task Refresh_WithATokenThatWasNeverTheSessions_IsInvalidAndChangesNothing()
    {
        var (tenant, account) = await NewAccountAsync();
        var session = NewSession(tenant, out _);
        var grant = await session.Open(new SessionOpening(account, SignInMethod.Password, Client));

        var wrong = await session.Refresh("not-the-secret");
        var right = await session.Refresh(Secret(grant.RefreshToken));

        Assert.Equal(RefreshRefusal.Invalid, wrong.Refusal);
        Assert.Equal(RefreshRefusal.None, right.Refusal);
    }

    [Fact]
    public async Task Refresh_AfterTheIdleTimeout_IsExpired()
    {
        var (tenant, account) = await NewAccountAsync();
        var session = NewSession(tenant, out _);
        var grant = await session.Open(new SessionOpening(account, SignInMethod.Password, Client));
        fixture.Time.Advance(Options.IdleTimeout);

        var result = await session.Refresh(Secret(grant.RefreshToken));

        Assert.Equal(RefreshRefusal.Expired, result.Refusal);
    }

    [Fact]
    public async Task Refresh_OfADisabledAccount_IsRefused_TheSessionRevokedWithTheAccountsChange()
    {
        var (tenant, account) = await NewAccountAsync();
        var session = NewSession(tenant, out _);
        var grant = await session.Open(new SessionOpening(account, SignInMethod.Password, Client));
        await Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, account)).SetStatus(AccountStatus.Disabled);

        var result = await session.Refresh(Secret(grant.RefreshToken));

        // Disabling revoked it (AccountSessionsGrain); the refresh's own status check stays as the second line.
        Assert.Equal(RefreshRefusal.Revoked, result.Refusal);
        Assert.NotNull((await session.Get())!.RevokedAt);
    }

    [Fact]
    public async Task Refresh_WhenTheWriteFails_ChangesNothing_AndTheSameTokenStillWorks()
    {
        var (tenant, account) = await NewAccountAsync();
        var session = NewSession(tenant, out _);
        var grant = await session.Open(new SessionOpening(account, SignInMethod.Password, Client));

        using (fixture.StorageFaults.FailWhile((name, id) => name == "session" && id.Key.ToString()!.EndsWith(grant.Session.SessionId, StringComparison.Ordinal)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => session.Refresh(Secret(grant.RefreshToken)));
        }

        var retried = await session.Refresh(Secret(grant.RefreshToken));
        Assert.Equal(RefreshRefusal.None, retried.Refusal);
    }

    [Fact]
    public async Task Revoke_IsAnnouncedToSubscribedObservers_AndListedUntilItsTokensExpire()
    {
        var (tenant, account) = await NewAccountAsync();
        var session = NewSession(tenant, out var sessionId);
        await session.Open(new SessionOpening(account, SignInMethod.Password, Client));
        var observer = new RecordingObserver();
        var reference = Grains.CreateObjectReference<IRevokedSessionsObserver>(observer);
        var revocations = ListOf(sessionId);
        await revocations.Subscribe(reference);

        var revoked = await session.Revoke();
        var again = await session.Revoke();
        var listed = await revocations.GetSince(0);

        Assert.NotNull(revoked!.RevokedAt);
        Assert.Equal(revoked, again);
        Assert.Contains(observer.Seen, s => s.SessionId == sessionId && s.TenantId == tenant);
        var entry = Assert.Single(listed!.Sessions, s => s.SessionId == sessionId);
        Assert.Equal(revoked.RevokedAt!.Value + Options.RevocationRetention, entry.Until);
        Assert.Null(await revocations.GetSince(listed.Version));
        Grains.DeleteObjectReference<IRevokedSessionsObserver>(reference);
    }

    [Fact]
    public async Task Revoke_WhenTheListCannotBeWritten_FailsAndIsAnnouncedByTheNextRevoke()
    {
        var (tenant, account) = await NewAccountAsync();
        var session = NewSession(tenant, out var sessionId);
        await session.Open(new SessionOpening(account, SignInMethod.Password, Client));
        var revocations = ListOf(sessionId);

        using (fixture.StorageFaults.FailWhile((name, _) => name == "session-revocation-segment"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => session.Revoke());
        }

        var notListed = await revocations.GetSince(0);
        await session.Revoke();
        var listed = await revocations.GetSince(0);

        Assert.DoesNotContain(notListed?.Sessions ?? [], s => s.SessionId == sessionId);
        Assert.Contains(listed!.Sessions, s => s.SessionId == sessionId);
    }

    private ISessionRevocationGrain ListOf(string sessionId) =>
        Grains.GetGrain<ISessionRevocationGrain>(SessionKeys.RevocationList(SessionKeys.RevocationListOf(sessionId)));

    private static string Secret(string refreshToken) =>
        SessionKeys.TryParseRefreshToken(refreshToken, out _, out _, out var secret) ? secret : throw new ArgumentException("not a refresh token");

    private ISessionGrain NewSession(string tenant, out string sessionId)
    {
        sessionId = SessionKeys.NewSessionId();
        return Grains.GetGrain<ISessionGrain>(SessionKeys.Session(tenant, sessionId));
    }

    private async Task<(string Tenant, string Account)> NewAccountAsync()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = GridKeys.NewAccountId();
        await Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, account))
            .Create(AccountGrainTests.Spec("u" + account[^8..], null, null));
        return (tenant, account);
    }

    private sealed class RecordingObserver : IRevokedSessionsObserver
    {
        public ConcurrentBag<RevokedSession> Seen { get; } = [];

        public Task Revoked(RevokedSession session, long version)
        {
            Seen.Add(session);
            return Task.CompletedTask;
        }
    }
}
