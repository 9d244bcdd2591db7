using System.Text.Json;

namespace Grid.Cli.Tests.Online;

[Collection(OnlineHostCollection.Name)]
public sealed class SyncCommandTests(OnlineHostFixture host) : IDisposable
{
    private readonly string _configDirectory = Directory.CreateTempSubdirectory("gridctl-sync-").FullName;

    public void Dispose() => Directory.Delete(_configDirectory, recursive: true);

    private Task<GridCtlRun> RunAsync(params string[] args) => GridCtlRun.RunAsync(_configDirectory, host.DevCredentialPath, args);

    [Fact]
    public async Task SyncStart_DryRunWatched_ShowsProgressAndEndsPlanned_ThenShowAndRunsFindIt()
    {
        var connector = await ConfigureSimulatorConnectorAsync();

        var watched = await RunAsync("sync", "start", "--connector", connector, "--dry-run", "--watch");
        var runId = watched.Lines[0]["started run ".Length..].Split(' ')[0];
        var show = await RunAsync("sync", "show", runId, "--connector", connector, "--plan", "--page-size", "5", "--output", "json");
        var runs = await RunAsync("sync", "runs", "--connector", connector);

        Assert.True(watched.ExitCode == 0, watched.Out + watched.Error);
        Assert.Contains("PLANNED (dry run)", watched.Out, StringComparison.Ordinal);
        Assert.Contains("fetch", watched.Out, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        using var json = JsonDocument.Parse(show.Out);
        Assert.Equal(5, json.RootElement.GetProperty("items").GetArrayLength());
        Assert.NotEqual("", json.RootElement.GetProperty("next_page_token").GetString());
        Assert.Equal(runId, json.RootElement.GetProperty("run").GetProperty("run_id").GetString());
        Assert.Equal(0, runs.ExitCode);
        Assert.Contains(runId, runs.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeComMember_AfterASync_ShowsTheAccountAndNoConsent_AndAnUnknownUseridExitsFour()
    {
        var connector = await ConfigureSimulatorConnectorAsync();
        var member = host.Simulator.Company.Members[0];
        var synced = await RunAsync("sync", "start", "--connector", connector, "--watch");

        var shown = await RunAsync("wecom", "member", "--connector", connector, "--userid", member.UserId, "--output", "json");
        var table = await RunAsync("wecom", "member", "--connector", connector, "--userid", member.UserId);
        var unknown = await RunAsync("wecom", "member", "--connector", connector, "--userid", "nobody-here");

        Assert.True(synced.ExitCode == 0, synced.Out + synced.Error);
        Assert.True(shown.ExitCode == 0, shown.Out + shown.Error);
        using var json = JsonDocument.Parse(shown.Out);
        Assert.Equal(member.UserId, json.RootElement.GetProperty("wecom_userid").GetString());
        Assert.StartsWith("acc_", json.RootElement.GetProperty("account_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("WE_COM_CONSENT_STATE_NONE", json.RootElement.GetProperty("consent").GetProperty("state").GetString());
        Assert.Contains("consent", table.Out, StringComparison.Ordinal);
        Assert.Contains("none", table.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, unknown.ExitCode);
        Assert.StartsWith("error: NotFound: no WeCom member 'nobody-here'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncStart_WatchedAsJson_PrintsOneRunPerUpdate_AndEndsSucceeded()
    {
        var connector = await ConfigureSimulatorConnectorAsync();

        var run = await RunAsync("sync", "start", "--connector", connector, "--watch", "--output", "json");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var updates = run.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(updates.Count >= 2, "expected the started run and at least one update");
        Assert.Equal("SYNC_RUN_STATE_SUCCEEDED", updates[^1].GetProperty("state").GetString());
        Assert.Equal(updates[0].GetProperty("run_id").GetString(), updates[^1].GetProperty("run_id").GetString());
    }

    [Fact]
    public async Task SyncRuns_TableExplainsItsSymbols_AndShowsUnchangedCounts_AsShowDoes()
    {
        var connector = await ConfigureSimulatorConnectorAsync();
        Assert.Equal(0, (await RunAsync("sync", "start", "--connector", connector, "--watch", "-o", "json")).ExitCode);
        var again = await RunAsync("sync", "start", "--connector", connector, "--dry-run", "--watch", "-o", "json");
        var rerun = JsonDocument.Parse(again.Lines[^1]).RootElement;
        var unchanged = rerun.GetProperty("planned").GetProperty("unchanged").GetInt32();

        var table = await RunAsync("sync", "runs", "--connector", connector);
        var show = await RunAsync("sync", "show", rerun.GetProperty("run_id").GetString()!, "--connector", connector);

        Assert.True(unchanged > 0, again.Out);
        Assert.Equal(0, table.ExitCode);
        var row = Assert.Single(table.Lines, line => line.Contains(rerun.GetProperty("run_id").GetString()!, StringComparison.Ordinal));
        Assert.Contains($"unchanged {unchanged}", row, StringComparison.Ordinal);
        Assert.Contains("+ created, = adopted (match rule), ~ updated or moved, - deleted", table.Out, StringComparison.Ordinal);
        Assert.Contains($"unchanged {unchanged}", show.Out, StringComparison.Ordinal);
        Assert.Contains("unchanged: members with nothing to write", show.Out, StringComparison.Ordinal);
    }

    private Task<string> ConfigureSimulatorConnectorAsync() => SimulatorConnector.ConfigureAsync(host, _configDirectory);
}
