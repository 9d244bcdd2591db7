using Grid.WeCom.Api;
using Microsoft.Extensions.Time.Testing;

namespace Grid.WeCom.Tests.Simulator;

public sealed class SimulatorTokenTests
{
    [Fact]
    public async Task GetToken_WhileValid_ReturnsTheSameToken()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.Host.BaseAddress };
        var url = new Uri($"cgi-bin/gettoken?corpid={harness.App.CorpId}&corpsecret={harness.App.Secret}", UriKind.Relative);

        var first = await http.GetStringAsync(url);
        harness.Time.Advance(TimeSpan.FromMinutes(30));
        var second = await http.GetStringAsync(url);

        Assert.Equal(TokenOf(first), TokenOf(second));
        Assert.Contains("\"expires_in\":7200", first, StringComparison.Ordinal);
        Assert.Contains("\"expires_in\":5400", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_WhenTheTokenExpiresOnBothClocks_FetchesANewOne()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await SimulatorHarness.StartAsync(clientTime: clock);

        var before = await harness.Client.GetAccessTokenAsync(harness.App);
        await harness.Client.GetDepartmentAsync(harness.App, 1);
        clock.Advance(TimeSpan.FromSeconds(7200));
        harness.Time.Advance(TimeSpan.FromSeconds(7200));
        await harness.Client.GetDepartmentAsync(harness.App, 1);
        var after = await harness.Client.GetAccessTokenAsync(harness.App);

        Assert.NotEqual(before.Value, after.Value);
        Assert.Equal(2, harness.Simulator.CallCount("gettoken"));
    }

    [Fact]
    public async Task Client_WhenWeComExpiredTheTokenEarly_Gets42001_RefreshesOnce_AndSucceeds()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var errors = Collect(harness);
        await harness.Client.GetDepartmentAsync(harness.App, 1);

        // Only WeCom's clock moves: the client still believes its cached token is fresh.
        harness.Time.Advance(TimeSpan.FromSeconds(7201));
        var department = await harness.Client.GetDepartmentAsync(harness.App, 1);

        Assert.Equal(1, department.Id);
        Assert.Equal([42001], errors);
        Assert.Equal(2, harness.Simulator.CallCount("gettoken"));
        Assert.Equal(3, harness.Simulator.CallCount("department/get"));
    }

    [Fact]
    public async Task Client_WhenTheTokenWasRevoked_Gets40014_RefreshesOnce_AndSucceeds()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var errors = Collect(harness);
        var before = await harness.Client.GetAccessTokenAsync(harness.App);

        Assert.True(harness.Simulator.RevokeTokens(harness.AgentId));
        var users = await harness.Client.ListDepartmentUsersSimpleAsync(harness.App, 1);
        var after = await harness.Client.GetAccessTokenAsync(harness.App);

        Assert.NotNull(users);
        Assert.Equal([40014], errors);
        Assert.NotEqual(before.Value, after.Value);
        Assert.Equal(2, harness.Simulator.CallCount("gettoken"));
    }

    [Fact]
    public async Task Client_WhenTheSecretIsWrong_FailsWith40001()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        var error = await Assert.ThrowsAsync<WeComApiException>(() =>
            harness.Client.GetDepartmentAsync(harness.App with { Secret = "not-the-secret" }, 1));

        Assert.Equal(40001, error.ErrCode);
        Assert.Contains("from ip: 127.0.0.1", error.ErrMsg, StringComparison.Ordinal);
        Assert.Matches(@"hint: \[\d{25}\]", error.ErrMsg);
    }

    [Fact]
    public async Task Client_WhenTheCorpIdIsUnknown_FailsWith40013()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        var error = await Assert.ThrowsAsync<WeComApiException>(() =>
            harness.Client.GetDepartmentAsync(harness.App with { CorpId = "wwunknown" }, 1));

        Assert.Equal(40013, error.ErrCode);
    }

    [Fact]
    public async Task BusinessCall_WithoutAccessToken_Answers41001WithHttp200()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.Host.BaseAddress };

        using var response = await http.GetAsync(new Uri("cgi-bin/user/get?userid=x", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{\"errcode\":41001,\"errmsg\":\"access_token missing, hint: [", body, StringComparison.Ordinal);
        Assert.Contains("more info at https://open.work.weixin.qq.com/devtool/query?e=41001", body, StringComparison.Ordinal);
    }

    internal static List<int> Collect(SimulatorHarness harness)
    {
        var errors = new List<int>();
        harness.Simulator.ErrCodeAnswered += (_, e) =>
        {
            lock (errors)
            {
                errors.Add(e.ErrCode);
            }
        };
        return errors;
    }

    private static string TokenOf(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("access_token").GetString()!;
}
