using System.Net;
using Grid.WeCom.Api;
using Grid.WeCom.Simulator.Faults;

namespace Grid.WeCom.Tests.Simulator;

public sealed class SimulatorFaultTests
{
    private const string UserGet = "user/get";

    [Fact]
    public async Task ErrCodeBurst_OfSystemBusy_IsRetriedByTheClient()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember();
        var rule = harness.Simulator.Faults.ReturnErrCode(UserGet, -1, times: 2);

        var user = await harness.Client.GetUserAsync(harness.App, member.UserId);

        Assert.Equal(member.UserId, user.UserId);
        Assert.Equal(2, rule.Hits);
        Assert.Equal(0, rule.Remaining);
        Assert.Equal(3, harness.Simulator.CallCount(UserGet));
    }

    [Fact]
    public async Task ErrCodeBurst_OfANonTransientCode_FailsTheCallAtOnce()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        harness.Simulator.Faults.ReturnErrCode(UserGet, 60011, times: 5);

        var error = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetUserAsync(harness.App, harness.ActiveMember().UserId));

        Assert.Equal(60011, error.ErrCode);
        Assert.Equal(1, harness.Simulator.CallCount(UserGet));
    }

    [Fact]
    public async Task Latency_LongerThanTheClientTimeout_TimesOutTheAttempt_AndTheRetrySucceeds()
    {
        await using var harness = await SimulatorHarness.StartAsync(clientSettings: Timeout("00:00:01"));
        await harness.Client.GetAccessTokenAsync(harness.App);
        var member = harness.ActiveMember();
        var rule = harness.Simulator.Faults.Delay(UserGet, TimeSpan.FromSeconds(10), times: 1);

        var user = await harness.Client.GetUserAsync(harness.App, member.UserId);

        Assert.Equal(member.UserId, user.UserId);
        Assert.Equal(1, rule.Hits);
        Assert.Equal(2, harness.Simulator.CallCount(UserGet));
    }

    [Fact]
    public async Task Latency_OnEveryAttempt_FailsWithTimeoutException()
    {
        await using var harness = await SimulatorHarness.StartAsync(clientSettings: new Dictionary<string, string?>
        {
            ["WeCom:RequestTimeout"] = "00:00:01",
            ["WeCom:Retry:MaxRetryAttempts"] = "1",
        });
        await harness.Client.GetAccessTokenAsync(harness.App);
        harness.Simulator.Faults.Delay(UserGet, TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<TimeoutException>(() => harness.Client.GetUserAsync(harness.App, harness.ActiveMember().UserId));

        Assert.Equal(2, harness.Simulator.CallCount(UserGet));
    }

    [Fact]
    public async Task Hold_KeepsTheCallWaiting_UntilReleased_ThenServesIt()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.Client.GetAccessTokenAsync(harness.App);
        var rule = harness.Simulator.Faults.Hold("department/list");

        var call = harness.Client.ListDepartmentsAsync(harness.App);
        await rule.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var servedWhileHeld = call.IsCompleted;
        var other = await harness.Client.GetUserAsync(harness.App, harness.ActiveMember().UserId);
        rule.Release();
        var departments = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(servedWhileHeld);
        Assert.NotNull(other);
        Assert.Equal(harness.Company.DepartmentCount, departments.Count);
        Assert.Equal(1, rule.Hits);
        Assert.Equal(1, harness.Simulator.CallCount("department/list"));
    }

    [Fact]
    public async Task Latency_ShorterThanTheClientTimeout_OnlySlowsTheCall()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var rule = harness.Simulator.Faults.Delay("department/list", TimeSpan.FromMilliseconds(200), times: 1);

        var departments = await harness.Client.ListDepartmentsAsync(harness.App);

        Assert.Equal(harness.Company.DepartmentCount, departments.Count);
        Assert.Equal(1, rule.Hits);
        Assert.Equal(1, harness.Simulator.CallCount("department/list"));
    }

    [Fact]
    public async Task HttpStatus5xx_Twice_IsRetried()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        harness.Simulator.Faults.ReturnHttpStatus(UserGet, 502, times: 2);

        var user = await harness.Client.GetUserAsync(harness.App, harness.ActiveMember().UserId);

        Assert.NotNull(user.Name);
        Assert.Equal(3, harness.Simulator.CallCount(UserGet));
    }

    [Fact]
    public async Task HttpStatus5xx_OnEveryAttempt_FailsWithHttpRequestExceptionCarryingTheStatus()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        harness.Simulator.Faults.ReturnHttpStatus(UserGet, 503, times: 10);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetUserAsync(harness.App, harness.ActiveMember().UserId));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(4, harness.Simulator.CallCount(UserGet));
    }

    [Fact]
    public async Task DroppedConnection_IsRetried()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var rule = harness.Simulator.Faults.DropConnection("department/simplelist", times: 1);

        var ids = await harness.Client.ListDepartmentIdsAsync(harness.App);

        Assert.Equal(harness.Company.DepartmentCount, ids.Count);
        Assert.Equal(1, rule.Hits);
    }

    [Fact]
    public async Task DroppedConnection_OnEveryAttempt_FailsWithHttpRequestException()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.Client.GetAccessTokenAsync(harness.App);
        harness.Simulator.Faults.DropConnection("department/simplelist", times: 10);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.ListDepartmentIdsAsync(harness.App));

        Assert.Null(error.StatusCode);
        Assert.Equal(4, harness.Simulator.CallCount("department/simplelist"));
    }

    [Theory]
    [InlineData(TruncationMode.Abort)]
    [InlineData(TruncationMode.End)]
    public async Task TruncatedBody_IsRetried(TruncationMode mode)
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var rule = harness.Simulator.Faults.TruncateBody("department/list", times: 1, mode);

        var departments = await harness.Client.ListDepartmentsAsync(harness.App);

        Assert.Equal(harness.Company.DepartmentCount, departments.Count);
        Assert.Equal(1, rule.Hits);
        Assert.Equal(2, harness.Simulator.CallCount("department/list"));
    }

    [Fact]
    public async Task TruncatedBody_ThenAbort_OnEveryAttempt_FailsWithHttpRequestException()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.Client.GetAccessTokenAsync(harness.App);
        harness.Simulator.Faults.TruncateBody("department/list", times: 10, TruncationMode.Abort);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.ListDepartmentsAsync(harness.App));

        Assert.Null(error.StatusCode);
        Assert.Equal(4, harness.Simulator.CallCount("department/list"));
    }

    [Fact]
    public async Task TruncatedBody_ThenEnd_OnEveryAttempt_FailsAsAnInvalidResponse()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.Client.GetAccessTokenAsync(harness.App);
        harness.Simulator.Faults.TruncateBody("department/list", times: 10, TruncationMode.End);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.ListDepartmentsAsync(harness.App));

        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
    }

    [Fact]
    public async Task Faults_OnOnePath_LeaveOtherPathsAlone()
    {
        await using var harness = await SimulatorHarness.StartAsync(clientSettings: new Dictionary<string, string?>
        {
            ["WeCom:Retry:MaxRetryAttempts"] = "0",
        });
        harness.Simulator.Faults.ReturnHttpStatus("/cgi-bin/user/list", 500, times: 1);

        await harness.Client.ListDepartmentUsersSimpleAsync(harness.App, 1);
        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.ListDepartmentUsersAsync(harness.App, 1));
        await harness.Client.ListDepartmentUsersAsync(harness.App, 1);
    }

    private static Dictionary<string, string?> Timeout(string timeout) => new() { ["WeCom:RequestTimeout"] = timeout };
}
