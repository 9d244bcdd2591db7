using Grid.Abstractions.Sessions;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SmsQuotaGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    [Fact]
    public async Task Take_BeyondTheLimit_AnswersTheWaitUntilTheWindowEnds_ThenAllowsAgain()
    {
        var quota = fixture.Client.GetGrain<ISmsQuotaGrain>(SessionKeys.SmsQuota("t-" + Guid.NewGuid().ToString("N")[..8], null));
        var taken = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            taken.Add(await quota.Take(3, Window));
        }

        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        var refused = await quota.Take(3, Window);
        var refusedAgain = await quota.Take(3, Window);
        fixture.Time.Advance(refusedAgain);
        var nextWindow = await quota.Take(3, Window);

        Assert.All(taken, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.True(refused > TimeSpan.Zero && refused <= TimeSpan.FromMinutes(50), $"waits {refused}");
        Assert.Equal(refused, refusedAgain);
        Assert.Equal(TimeSpan.Zero, nextWindow);
    }

    [Fact]
    public void Keys_OfAnAddressAndOfTheTenant_AreDistinct()
    {
        Assert.Equal("acme/client/203.0.113.5", SessionKeys.SmsQuota("acme", "203.0.113.5"));
        Assert.Equal("acme/tenant", SessionKeys.SmsQuota("acme", null));
    }
}
