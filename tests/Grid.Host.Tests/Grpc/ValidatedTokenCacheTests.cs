using Grid.Host.Grpc;
using Microsoft.Extensions.Time.Testing;

namespace Grid.Host.Tests.Grpc;

public sealed class ValidatedTokenCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Get_ReturnsTheCheckedValue_UntilItExpires()
    {
        var cache = new ValidatedTokenCache<string>(_time);
        cache.Add("token-a", "checked", _time.GetUtcNow().AddMinutes(10));

        var fresh = cache.Get("token-a");
        _time.Advance(TimeSpan.FromMinutes(10));
        var expired = cache.Get("token-a");

        Assert.Equal("checked", fresh);
        Assert.Null(expired);
        Assert.Null(cache.Get("token-b"));
    }

    [Fact]
    public void Add_WhenFull_DropsExpiredEntriesFirst_AndStartsOverWhenNoneAre()
    {
        var cache = new ValidatedTokenCache<string>(_time, capacity: 2);
        var now = _time.GetUtcNow();
        cache.Add("short", "s", now.AddMinutes(1));
        cache.Add("long", "l", now.AddMinutes(10));
        _time.Advance(TimeSpan.FromMinutes(2));

        cache.Add("third", "t", now.AddMinutes(10));
        var keptLong = cache.Get("long");
        cache.Add("fourth", "f", now.AddMinutes(10));

        Assert.Equal("l", keptLong);
        Assert.Null(cache.Get("long"));
        Assert.Equal("f", cache.Get("fourth"));
    }
}
