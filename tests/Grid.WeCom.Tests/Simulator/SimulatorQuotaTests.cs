using Grid.WeCom.Api;

namespace Grid.WeCom.Tests.Simulator;

public sealed class SimulatorQuotaTests
{
    [Fact]
    public async Task Client_WhenWeComAnswers45009_BacksOffAndSucceedsOnceTheMinuteBlockIsOver()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        harness.Simulator.Quotas.CallsPerMinute = 3;
        harness.Simulator.Quotas.Enabled = true;
        var blocks = 0;
        harness.Simulator.ErrCodeAnswered += (_, e) =>
        {
            if (e.ErrCode == 45009)
            {
                // WeCom lifts a minute block after 60 s: let it pass while the client waits to retry.
                Interlocked.Increment(ref blocks);
                harness.Time.Advance(TimeSpan.FromSeconds(61));
            }
        };

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, (await harness.Client.GetDepartmentAsync(harness.App, 1)).Id);
        }

        Assert.Equal(1, blocks);
        Assert.Equal(6, harness.Simulator.CallCount("department/get"));
    }

    [Fact]
    public async Task Quota_CountsPerApi_AndBlocksForAMinute()
    {
        await using var harness = await SimulatorHarness.StartAsync(clientSettings: new Dictionary<string, string?>
        {
            ["WeCom:Retry:MaxRetryAttempts"] = "0",
        });
        harness.Simulator.Quotas.CallsPerMinute = 2;
        harness.Simulator.Quotas.Enabled = true;

        await harness.Client.GetDepartmentAsync(harness.App, 1);
        await harness.Client.GetDepartmentAsync(harness.App, 1);
        var blocked = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetDepartmentAsync(harness.App, 1));
        await harness.Client.ListDepartmentIdsAsync(harness.App);
        harness.Time.Advance(TimeSpan.FromSeconds(59));
        var stillBlocked = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetDepartmentAsync(harness.App, 1));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        var department = await harness.Client.GetDepartmentAsync(harness.App, 1);

        Assert.Equal(45009, blocked.ErrCode);
        Assert.Equal(45009, stillBlocked.ErrCode);
        Assert.Equal(1, department.Id);
    }

    [Fact]
    public async Task Quota_IsOffByDefault()
    {
        await using var harness = await SimulatorHarness.StartAsync(configure: options => options.Quotas.CallsPerMinute = 1);

        for (var i = 0; i < 5; i++)
        {
            await harness.Client.GetDepartmentAsync(harness.App, 1);
        }

        Assert.Equal(5, harness.Simulator.CallCount("department/get"));
    }
}
