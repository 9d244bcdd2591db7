using Grid.WeCom.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grid.WeCom.Tests.Api;

public sealed class WeComClientTokenTests
{
    private const string UserJson = """{"errcode":0,"errmsg":"ok","userid":"zhangsan","name":"张三"}""";

    [Fact]
    public async Task GetAccessToken_CallsGettokenWithCorpIdAndSecret()
    {
        await using var harness = await WeComClientHarness.StartAsync();

        var token = await harness.Client.GetAccessTokenAsync(WeComClientHarness.App);

        Assert.Equal("token-1", token.Value);
        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("/cgi-bin/gettoken", request.Path);
        Assert.Equal(WeComClientHarness.App.CorpId, request.Query["corpid"]);
        Assert.Equal(WeComClientHarness.App.Secret, request.Query["corpsecret"]);
    }

    [Fact]
    public async Task Calls_ReuseTheCachedTokenUntilTheSafetyMarginBeforeExpiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var harness = await WeComClientHarness.StartAsync(
            new Dictionary<string, string?> { ["WeCom:AccessTokenRefreshMargin"] = "00:05:00" },
            services => services.AddSingleton<TimeProvider>(time));
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, UserJson));

        await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");
        time.Advance(TimeSpan.FromSeconds(7200 - 300 - 1));
        await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");
        Assert.Equal(1, harness.Server.Count("/cgi-bin/gettoken"));

        time.Advance(TimeSpan.FromSeconds(1));
        await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Equal(2, harness.Server.Count("/cgi-bin/gettoken"));
        Assert.Equal(
            ["token-1", "token-1", "token-2"],
            harness.Server.Requests.Where(r => r.Path == "/cgi-bin/user/get").Select(r => r.Query["access_token"]));
    }

    [Fact]
    public async Task ConcurrentCallers_WhileTokenIsMissing_ShareOneRefresh()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        var gettokenReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseGettoken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.On("/cgi-bin/gettoken", async (context, _) =>
        {
            gettokenReached.TrySetResult();
            await releaseGettoken.Task;
            await FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","access_token":"shared","expires_in":7200}""");
        });
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, UserJson));

        var calls = Enumerable.Range(0, 20)
            .Select(_ => harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan"))
            .ToArray();
        await gettokenReached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        releaseGettoken.SetResult();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, harness.Server.Count("/cgi-bin/gettoken"));
        Assert.Equal(20, harness.Server.Count("/cgi-bin/user/get"));
        Assert.All(harness.Server.Requests.Where(r => r.Path == "/cgi-bin/user/get"), r => Assert.Equal("shared", r.Query["access_token"]));
    }

    [Fact]
    public async Task ConcurrentCallers_WhenTheSharedRefreshFails_AllSeeTheFailureAndTheNextCallRefreshesAgain()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/gettoken", (context, number) => number == 1
            ? FakeWeComServer.ErrorAsync(context, WeComErrorCodes.InvalidCredential)
            : FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","access_token":"second","expires_in":7200}"""));

        var failure = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetAccessTokenAsync(WeComClientHarness.App));
        var token = await harness.Client.GetAccessTokenAsync(WeComClientHarness.App);

        Assert.Equal(WeComErrorCodes.InvalidCredential, failure.ErrCode);
        Assert.Equal("cgi-bin/gettoken", failure.Api);
        Assert.Equal("second", token.Value);
    }

    [Theory]
    [InlineData(WeComErrorCodes.AccessTokenExpired)]
    [InlineData(WeComErrorCodes.InvalidAccessToken)]
    public async Task Call_WhenTokenIsRejected_RefreshesOnceAndRetriesOnce(int errCode)
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/get", (context, _) => context.Request.Query["access_token"] == "token-1"
            ? FakeWeComServer.ErrorAsync(context, errCode)
            : FakeWeComServer.JsonAsync(context, UserJson));

        var user = await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Equal("zhangsan", user.UserId);
        Assert.Equal(2, harness.Server.Count("/cgi-bin/gettoken"));
        Assert.Equal(2, harness.Server.Count("/cgi-bin/user/get"));
        Assert.Contains(harness.Logs.Entries, entry => entry.EventId.Id == 2002);
    }

    [Fact]
    public async Task Call_WhenRefreshedTokenIsRejectedToo_ThrowsWithoutASecondRefresh()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.ErrorAsync(context, WeComErrorCodes.AccessTokenExpired));

        var exception = await Assert.ThrowsAsync<WeComApiException>(
            () => harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan"));

        Assert.Equal(WeComErrorCodes.AccessTokenExpired, exception.ErrCode);
        Assert.Equal("cgi-bin/user/get", exception.Api);
        Assert.Equal(2, harness.Server.Count("/cgi-bin/gettoken"));
        Assert.Equal(2, harness.Server.Count("/cgi-bin/user/get"));
    }

    [Fact]
    public async Task Apps_WithDifferentSecrets_GetSeparateTokens()
    {
        await using var harness = await WeComClientHarness.StartAsync();

        var first = await harness.Client.GetAccessTokenAsync(WeComClientHarness.App);
        var rotated = await harness.Client.GetAccessTokenAsync(WeComClientHarness.App with { Secret = "rotated-secret" });
        var firstAgain = await harness.Client.GetAccessTokenAsync(WeComClientHarness.App);

        Assert.Equal("token-1", first.Value);
        Assert.Equal("token-2", rotated.Value);
        Assert.Equal("token-1", firstAgain.Value);
    }

    [Fact]
    public async Task Client_UsesARegisteredTokenStoreInsteadOfTheInMemoryOne()
    {
        var store = new PreloadedStore(new WeComAccessToken("preloaded", DateTimeOffset.MaxValue));
        await using var harness = await WeComClientHarness.StartAsync(
            configureServices: services => services.AddSingleton<IWeComAccessTokenStore>(store));
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, UserJson));

        await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Equal(0, harness.Server.Count("/cgi-bin/gettoken"));
        Assert.Equal("preloaded", Assert.Single(harness.Server.Requests).Query["access_token"]);
        var key = Assert.Single(store.Keys.Distinct());
        Assert.StartsWith($"{WeComClientHarness.App.CorpId}/{WeComClientHarness.App.AgentId}/", key, StringComparison.Ordinal);
        Assert.DoesNotContain(WeComClientHarness.App.Secret, key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NeverContainTheSecretOrTokens()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/get", (context, number) => number switch
        {
            1 => FakeWeComServer.ErrorAsync(context, WeComErrorCodes.AccessTokenExpired),
            2 => FakeWeComServer.ErrorAsync(context, WeComErrorCodes.ApiFrequencyOutOfLimit),
            _ => FakeWeComServer.JsonAsync(context, UserJson),
        });

        await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Contains(harness.Logs.Entries, entry => entry.EventId.Id == 2001);
        Assert.Contains(harness.Logs.Entries, entry => entry.EventId.Id == 2003);
        Assert.All(harness.Logs.Entries, entry =>
        {
            Assert.DoesNotContain(WeComClientHarness.App.Secret, entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("token-", entry.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ToString_RedactsSecretAndTokenValue()
    {
        var token = new WeComAccessToken("token-value", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain(WeComClientHarness.App.Secret, WeComClientHarness.App.ToString(), StringComparison.Ordinal);
        Assert.Contains(WeComClientHarness.App.CorpId, WeComClientHarness.App.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("token-value", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemoryStore_InvalidateOnlyDropsTheRejectedValue()
    {
        var store = new InMemoryWeComAccessTokenStore();
        var fresh = new WeComAccessToken("fresh", DateTimeOffset.MaxValue);
        await store.SetAsync("k", fresh, CancellationToken.None);

        await store.InvalidateAsync("k", "stale", CancellationToken.None);
        Assert.Equal(fresh, await store.GetAsync("k", CancellationToken.None));

        await store.InvalidateAsync("k", "fresh", CancellationToken.None);
        Assert.Null(await store.GetAsync("k", CancellationToken.None));
    }

    private sealed class PreloadedStore(WeComAccessToken token) : IWeComAccessTokenStore
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Keys { get; } = new();

        public ValueTask<WeComAccessToken?> GetAsync(string key, CancellationToken cancellationToken)
        {
            Keys.Enqueue(key);
            return ValueTask.FromResult<WeComAccessToken?>(token);
        }

        public ValueTask SetAsync(string key, WeComAccessToken token, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The preloaded token should have been used.");

        public ValueTask InvalidateAsync(string key, string rejectedValue, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }
}
