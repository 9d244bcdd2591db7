using Grid.WeCom.Api;

namespace Grid.WeCom.Tests.Api;

/// <summary>
/// Client-side quotas. Windows are real time (System.Threading.RateLimiting has no TimeProvider), so these tests
/// show that calls over quota wait in the queue (and can be cancelled there) rather than fail; windows are a minute
/// long, far beyond the time the assertions take.
/// </summary>
public sealed class WeComClientQuotaTests
{
    private const string UserJson = """{"errcode":0,"errmsg":"ok","userid":"u"}""";

    [Fact]
    public async Task Call_OverThePerApiQuota_WaitsInsteadOfFailing_AndCanBeCancelledWhileWaiting()
    {
        await using var harness = await WeComClientHarness.StartAsync(new Dictionary<string, string?>
        {
            ["WeCom:Quotas:Enabled"] = "true",
            ["WeCom:Quotas:PerApiPerMinute"] = "2",
        });
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, UserJson));
        harness.Server.On("/cgi-bin/department/list", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","department":[]}"""));
        await harness.Client.GetUserAsync(WeComClientHarness.App, "u");
        await harness.Client.GetUserAsync(WeComClientHarness.App, "u");
        using var cancellation = new CancellationTokenSource();

        var third = harness.Client.GetUserAsync(WeComClientHarness.App, "u", cancellation.Token);
        var otherApi = await harness.Client.ListDepartmentsAsync(WeComClientHarness.App).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(otherApi);
        Assert.False(third.IsCompleted, "The third user/get should wait for quota, not complete or fail.");
        Assert.Contains(harness.Logs.Entries, entry => entry.EventId.Id == 2005);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, harness.Server.Count("/cgi-bin/user/get"));
        Assert.Equal(1, harness.Server.Count("/cgi-bin/department/list"));
    }

    [Fact]
    public async Task Quota_IsPerCorp()
    {
        await using var harness = await WeComClientHarness.StartAsync(new Dictionary<string, string?>
        {
            ["WeCom:Quotas:Enabled"] = "true",
            ["WeCom:Quotas:PerApiPerMinute"] = "1",
        });
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, UserJson));
        var otherCorp = new WeComApp("wwother", "1000002", "another-secret");

        await harness.Client.GetUserAsync(WeComClientHarness.App, "u").WaitAsync(TimeSpan.FromSeconds(10));
        await harness.Client.GetUserAsync(otherCorp, "u").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, harness.Server.Count("/cgi-bin/user/get"));
    }

    [Fact]
    public async Task GetUserInfo_IsNotHeldBackByExhaustedQuota()
    {
        await using var harness = await WeComClientHarness.StartAsync(new Dictionary<string, string?>
        {
            ["WeCom:Quotas:Enabled"] = "true",
            ["WeCom:Quotas:PerIpPerMinute"] = "2",
        });
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, UserJson));
        harness.Server.On("/cgi-bin/auth/getuserinfo", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","userid":"u"}"""));
        await harness.Client.GetUserAsync(WeComClientHarness.App, "u");
        using var cancellation = new CancellationTokenSource();
        var held = harness.Client.GetUserAsync(WeComClientHarness.App, "u", cancellation.Token);

        var info = await harness.Client.GetUserInfoAsync(WeComClientHarness.App, "CODE").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("u", info.UserId);
        Assert.False(held.IsCompleted, "user/get should be waiting: gettoken and the first user/get used the per-IP quota.");
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Quotas_WhenDisabled_NeverHoldCalls()
    {
        await using var harness = await WeComClientHarness.StartAsync(new Dictionary<string, string?>
        {
            ["WeCom:Quotas:Enabled"] = "false",
            ["WeCom:Quotas:PerApiPerMinute"] = "1",
        });
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, UserJson));

        for (var i = 0; i < 5; i++)
        {
            await harness.Client.GetUserAsync(WeComClientHarness.App, "u").WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(5, harness.Server.Count("/cgi-bin/user/get"));
        Assert.DoesNotContain(harness.Logs.Entries, entry => entry.EventId.Id == 2005);
    }
}
