using Grid.Host.Grpc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Grid.Host.Tests.Grpc;

/// <summary>The failed-token limit tells a refused caller the real wait: until enough failures leave the window.</summary>
public sealed class TokenRequestThrottleTests
{
    private const string Address = "203.0.113.5";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Refused_AfterFailuresAtOnce_IsToldToWaitUntilTheOldestLeavesTheWindow()
    {
        var throttle = Throttle(perAddress: 10);
        for (var i = 0; i < 10; i++)
        {
            Fail(throttle);
        }

        time.Advance(TimeSpan.FromSeconds(5));
        var refused = !throttle.TryBegin(Address, out var wait);
        time.Advance(TimeSpan.FromSeconds(54));
        var stillRefused = !throttle.TryBegin(Address, out var lastWait);
        time.Advance(TimeSpan.FromSeconds(1));
        var allowed = throttle.TryBegin(Address, out _);

        Assert.True(refused);
        Assert.Equal(TimeSpan.FromSeconds(55), wait);
        Assert.True(stillRefused);
        Assert.Equal(TimeSpan.FromSeconds(1), lastWait);
        Assert.True(allowed);
    }

    [Fact]
    public void Refused_AfterSpreadFailures_WaitsForAsManyAsTheLimitNeeds()
    {
        var throttle = Throttle(perAddress: 3);
        Fail(throttle);
        time.Advance(TimeSpan.FromSeconds(20));
        Fail(throttle);
        time.Advance(TimeSpan.FromSeconds(20));
        Fail(throttle);
        time.Advance(TimeSpan.FromSeconds(5));

        var refused = !throttle.TryBegin(Address, out var wait);
        time.Advance(wait);
        var allowed = throttle.TryBegin(Address, out _);
        throttle.End(Address, rejected: true);
        var refusedAgain = !throttle.TryBegin(Address, out var nextWait);

        Assert.True(refused);
        Assert.Equal(TimeSpan.FromSeconds(15), wait);
        Assert.True(allowed);
        // The window now holds the failures of 0:20, 0:40 and 1:00: the one of 0:20 leaves it at 1:20.
        Assert.True(refusedAgain);
        Assert.Equal(TimeSpan.FromSeconds(20), nextWait);
    }

    [Fact]
    public void RequestsInFlight_CountAgainstTheLimit_AndGiveBackWhatTheyDoNotSpend()
    {
        var throttle = Throttle(perAddress: 2);
        var first = throttle.TryBegin(Address, out _);
        var second = throttle.TryBegin(Address, out _);
        var third = throttle.TryBegin(Address, out var wait);
        var otherAddress = throttle.TryBegin("203.0.113.6", out _);
        throttle.End(Address, rejected: false);
        throttle.End(Address, rejected: false);
        var afterSuccesses = throttle.TryBegin(Address, out _);

        Assert.True(first && second);
        Assert.False(third);
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.True(otherAddress);
        Assert.True(afterSuccesses);
    }

    private TokenRequestThrottle Throttle(int perAddress) => new(
        Options.Create(new GridAuthOptions { FailedTokenRequests = new TokenRequestLimitOptions { PerAddress = perAddress, Window = Window } }),
        time);

    private static void Fail(TokenRequestThrottle throttle)
    {
        Assert.True(throttle.TryBegin(Address, out _));
        throttle.End(Address, rejected: true);
    }
}
