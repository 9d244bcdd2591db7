using System.Text.Json;

namespace Grid.Cli.Tests.Online;

[Collection(OnlineHostCollection.Name)]
public sealed class SyncCommandTests(OnlineHostFixture host) : IDisposable
{
    private readonly string configDirectory = Directory.CreateTempSubdirectory("gridctl-sync-").FullName;

    public void Dispose() => Directory.Delete(configDirectory, recursive: true);

    private Task<GridCtlRun> Run(params string[] args) => GridCtlRun.RunAsync(configDirectory, host.DevCredentialPath, args);

    [Fact]
    public async Task SyncStart_DryRunWatched_ShowsProgressAndEndsPlanned_ThenShowAndRunsFindIt()
    {
        var connector = await ConfigureSimulatorConnectorAsync();

        var watched = await Run("sync", "start", "--connector", connector, "--dry-run", "--watch");
        var runId = watched.Lines[0]["started run ".Length..].Split(' ')[0];
        var show = await Run("sync", "show", runId, "--connector", connector, "--plan", "--page-size", "5", "--output", "json");
        var runs = await Run("sync", "runs", "--connector", connector);

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
    public async Task SyncStart_WatchedAsJson_PrintsOneRunPerUpdate_AndEndsSucceeded()
    {
        var connector = await ConfigureSimulatorConnectorAsync();

        var run = await Run("sync", "start", "--connector", connector, "--watch", "--output", "json");

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
        Assert.Equal(0, (await Run("sync", "start", "--connector", connector, "--watch", "-o", "json")).ExitCode);
        var again = await Run("sync", "start", "--connector", connector, "--dry-run", "--watch", "-o", "json");
        var rerun = JsonDocument.Parse(again.Lines[^1]).RootElement;
        var unchanged = rerun.GetProperty("planned").GetProperty("unchanged").GetInt32();

        var table = await Run("sync", "runs", "--connector", connector);
        var show = await Run("sync", "show", rerun.GetProperty("run_id").GetString()!, "--connector", connector);

        Assert.True(unchanged > 0, again.Out);
        Assert.Equal(0, table.ExitCode);
        var row = Assert.Single(table.Lines, line => line.Contains(rerun.GetProperty("run_id").GetString()!, StringComparison.Ordinal));
        Assert.Contains($"unchanged {unchanged}", row, StringComparison.Ordinal);
        Assert.Contains("+ created, = adopted (match rule), ~ updated or moved, - deleted", table.Out, StringComparison.Ordinal);
        Assert.Contains($"unchanged {unchanged}", show.Out, StringComparison.Ordinal);
        Assert.Contains("unchanged: members with nothing to write", show.Out, StringComparison.Ordinal);
    }

    private Task<string> ConfigureSimulatorConnectorAsync() => SimulatorConnector.ConfigureAsync(host, configDirectory);
}
