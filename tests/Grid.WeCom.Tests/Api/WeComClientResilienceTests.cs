using System.Net;
using System.Text;
using Grid.WeCom.Api;
using Microsoft.AspNetCore.Http;

namespace Grid.WeCom.Tests.Api;

public sealed class WeComClientResilienceTests
{
    private const string UserPath = "/cgi-bin/user/get";
    private const string UserJson = """{"errcode":0,"errmsg":"ok","userid":"zhangsan","name":"张三"}""";

    [Theory]
    [InlineData(WeComErrorCodes.ApiFrequencyOutOfLimit)]
    [InlineData(WeComErrorCodes.ApiConcurrencyOutOfLimit)]
    [InlineData(WeComErrorCodes.SystemBusy)]
    public async Task Call_WhenWeComAnswersARateLimitErrCode_RetriesThenSucceeds(int errCode)
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On(UserPath, (context, number) => number <= 2
            ? FakeWeComServer.ErrorAsync(context, errCode)
            : FakeWeComServer.JsonAsync(context, UserJson));

        var user = await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Equal("张三", user.Name);
        Assert.Equal(3, harness.Server.Count(UserPath));
        Assert.Equal(2, harness.Logs.Entries.Count(entry => entry.EventId.Id == 2003));
    }

    [Fact]
    public async Task Call_WhenRateLimitPersists_ThrowsTheErrCodeAfterTheLastRetry()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On(UserPath, (context, _) => FakeWeComServer.ErrorAsync(context, WeComErrorCodes.ApiFrequencyOutOfLimit));

        var exception = await Assert.ThrowsAsync<WeComApiException>(
            () => harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan"));

        Assert.Equal(WeComErrorCodes.ApiFrequencyOutOfLimit, exception.ErrCode);
        Assert.Equal(1 + 3, harness.Server.Count(UserPath));
    }

    [Theory]
    [InlineData(WeComErrorCodes.UserIdNotFound)]
    [InlineData(WeComErrorCodes.NoPrivilege)]
    [InlineData(WeComErrorCodes.IpNotAllowed)]
    public async Task Call_WhenErrCodeIsNotTransient_ThrowsAtOnce(int errCode)
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On(UserPath, (context, _) => FakeWeComServer.ErrorAsync(context, errCode));

        var exception = await Assert.ThrowsAsync<WeComApiException>(
            () => harness.Client.GetUserAsync(WeComClientHarness.App, "ghost"));

        Assert.Equal(errCode, exception.ErrCode);
        Assert.Equal("cgi-bin/user/get", exception.Api);
        Assert.StartsWith($"error {errCode}, hint:", exception.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.Count(UserPath));
    }

    [Theory]
    [InlineData(StatusCodes.Status500InternalServerError)]
    [InlineData(StatusCodes.Status502BadGateway)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    [InlineData(StatusCodes.Status429TooManyRequests)]
    public async Task Call_WhenServerAnswersATransientHttpStatus_RetriesThenSucceeds(int status)
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On(UserPath, (context, number) =>
        {
            if (number == 1)
            {
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            }

            return FakeWeComServer.JsonAsync(context, UserJson);
        });

        var user = await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Equal("zhangsan", user.UserId);
        Assert.Equal(2, harness.Server.Count(UserPath));
    }

    [Fact]
    public async Task Call_When5xxPersists_ThrowsHttpRequestExceptionWithTheStatus()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On(UserPath, (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Equal(4, harness.Server.Count(UserPath));
    }

    [Fact]
    public async Task Call_WhenServerAnswers404_DoesNotRetry()
    {
        await using var harness = await WeComClientHarness.StartAsync();

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan"));

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Equal(1, harness.Server.Count(UserPath));
    }

    [Theory]
    [InlineData("""{"errcode":0,"errmsg":"ok","userid":"zh""")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("")]
    [InlineData("""{"errmsg":"ok","userid":"zhangsan"}""")]
    public async Task Call_WhenBodyIsTruncatedOrNotWeComJson_RetriesThenSucceeds(string badBody)
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On(UserPath, (context, number) => FakeWeComServer.JsonAsync(context, number == 1 ? badBody : UserJson));

        var user = await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Equal("zhangsan", user.UserId);
        Assert.Equal(2, harness.Server.Count(UserPath));
    }

    [Fact]
    public async Task Call_WhenBodyStaysTruncated_ThrowsInvalidResponse()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On(UserPath, (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"userid":"""));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan"));

        Assert.Equal(HttpRequestError.InvalidResponse, exception.HttpRequestError);
        Assert.Equal(4, harness.Server.Count(UserPath));
    }

    [Fact]
    public async Task Call_WhenConnectionDropsMidBody_RetriesThenSucceeds()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On(UserPath, async (context, number) =>
        {
            if (number == 1)
            {
                var partial = Encoding.UTF8.GetBytes("""{"errcode":0,"errmsg":"ok","use""");
                context.Response.ContentLength = 500;
                await context.Response.Body.WriteAsync(partial);
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }

            await FakeWeComServer.JsonAsync(context, UserJson);
        });

        var user = await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Equal("zhangsan", user.UserId);
        Assert.Equal(2, harness.Server.Count(UserPath));
    }

    [Fact]
    public async Task Call_WhenConnectionDropsBeforeAnswering_RetriesThenSucceeds()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On(UserPath, (context, number) =>
        {
            if (number == 1)
            {
                context.Abort();
                return Task.CompletedTask;
            }

            return FakeWeComServer.JsonAsync(context, UserJson);
        });

        var user = await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Equal("zhangsan", user.UserId);
        Assert.Equal(2, harness.Server.Count(UserPath));
        Assert.Contains(harness.Logs.Entries, entry => entry.EventId.Id == 2004);
    }

    [Fact]
    public async Task Call_WhenAnAttemptTimesOut_RetriesWithAFreshAttempt()
    {
        await using var harness = await WeComClientHarness.StartAsync(
            new Dictionary<string, string?> { ["WeCom:RequestTimeout"] = "00:00:00.300" });
        harness.Server.On(UserPath, async (context, number) =>
        {
            if (number == 1)
            {
                // Hold the first attempt until the client gives up on it.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await FakeWeComServer.JsonAsync(context, UserJson);
        });

        var user = await harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan");

        Assert.Equal("zhangsan", user.UserId);
        Assert.Equal(2, harness.Server.Count(UserPath));
    }

    [Fact]
    public async Task Call_WhenEveryAttemptTimesOut_ThrowsTimeoutException()
    {
        await using var harness = await WeComClientHarness.StartAsync(new Dictionary<string, string?>
        {
            ["WeCom:RequestTimeout"] = "00:00:00.100",
            ["WeCom:Retry:MaxRetryAttempts"] = "1",
        });
        harness.Server.On(UserPath, (context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default));

        await Assert.ThrowsAsync<TimeoutException>(() => harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan"));

        Assert.Equal(2, harness.Server.Count(UserPath));
    }

    [Fact]
    public async Task Call_WhenCallerCancels_StopsWithoutRetrying()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        var requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.On(UserPath, async (context, _) =>
        {
            requestArrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var cancellation = new CancellationTokenSource();

        var call = harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan", cancellation.Token);
        await requestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, harness.Server.Count(UserPath));
    }

    [Fact]
    public async Task Call_WhenAlreadyCancelled_SendsNothing()
    {
        await using var harness = await WeComClientHarness.StartAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.Client.GetUserAsync(WeComClientHarness.App, "zhangsan", new CancellationToken(canceled: true)));

        Assert.Empty(harness.Server.Requests);
    }
}
