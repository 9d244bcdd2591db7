using Grid.Abstractions.Sessions;
using Grid.Host.SignIn;
using Microsoft.Extensions.Time.Testing;

namespace Grid.Host.Tests.SignIn;

public sealed class RevokedSessionsTests
{
    private static readonly SignInOptions Options = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IsCurrent_OnlyAfterEveryListWasRead_AndUntilTheOldestReadIsOlderThanTheMaxStaleness()
    {
        var revoked = New();
        var before = revoked.IsCurrent;

        for (var list = 1; list < SessionKeys.RevocationListCount; list++)
        {
            revoked.Synced(list, null);
        }

        var allButOne = revoked.IsCurrent;
        revoked.Synced(0, null);
        var all = revoked.IsCurrent;
        _time.Advance(Options.RevocationMaxStaleness);
        revoked.Synced(0, null);
        var oneRecent = revoked.IsCurrent;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(before);
        Assert.False(allButOne);
        Assert.True(all);
        Assert.True(oneRecent);
        Assert.False(revoked.IsCurrent);
    }

    [Fact]
    public async Task ARevocation_PushedOrRead_CountsUntilItsTokensExpire_AndAReadNeverUndoesAPush()
    {
        var revoked = New();
        var now = _time.GetUtcNow();
        await revoked.Revoked(new RevokedSession("t", "ses_pushed", now.AddMinutes(5)), 7);

        revoked.Synced(3, new RevokedSessionSet(6, [new RevokedSession("t", "ses_read", now.AddMinutes(10))]));
        var versions = (revoked.Version(3), revoked.Version(4));
        var bothNow = (revoked.IsRevoked("t", "ses_pushed"), revoked.IsRevoked("t", "ses_read"));
        _time.Advance(TimeSpan.FromMinutes(6));
        revoked.Synced(4, null);

        Assert.Equal((true, true), bothNow);
        Assert.Equal((6L, 0L), versions);
        Assert.False(revoked.IsRevoked("t", "ses_pushed"));
        Assert.True(revoked.IsRevoked("t", "ses_read"));
        Assert.False(revoked.IsRevoked("other", "ses_read"));
    }

    private RevokedSessions New() => new(_time, Microsoft.Extensions.Options.Options.Create(Options));
}
