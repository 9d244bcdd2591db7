using System.Text.Json;

namespace Grid.Cli.Tests.Online;

[Collection(OnlineHostCollection.Name)]
public sealed class ClusterCommandTests(OnlineHostFixture host) : IDisposable
{
    private readonly string _configDirectory = Directory.CreateTempSubdirectory("gridctl-cluster-").FullName;

    public void Dispose() => Directory.Delete(_configDirectory, recursive: true);

    private Task<GridCtlRun> RunAsync(params string[] args) => GridCtlRun.RunAsync(_configDirectory, host.DevCredentialPath, args);

    [Fact]
    public async Task ClusterStatus_ShowsTheSiloAndItsLoad_AndTheRunActiveNow_AsATableAndAsJson()
    {
        var connector = await SimulatorConnector.ConfigureAsync(host, _configDirectory);
        var hold = host.Simulator.Faults.Hold("user/list_id");
        GridCtlRun started, table, json;
        try
        {
            started = await RunAsync("sync", "start", "--connector", connector);
            await hold.Entered.WaitAsync(TimeSpan.FromSeconds(60));
            table = await RunAsync("cluster", "status");
            json = await RunAsync("cluster", "status", "--output", "json");
        }
        finally
        {
            hold.Release();
            host.Simulator.Faults.Remove(hold);
        }

        var unknown = await RunAsync("cluster", "status", "--include-dead", "--dead");

        Assert.True(started.ExitCode == 0, started.Error);
        var runId = started.Lines[0]["started run ".Length..].Split(' ')[0];
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("ACTIVE", table.Out, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:", table.Out, StringComparison.Ordinal);
        Assert.Contains("* the silo that answered", table.Out, StringComparison.Ordinal);
        var runRow = Assert.Single(table.Lines, line => line.Contains(runId, StringComparison.Ordinal));
        Assert.Contains(connector, runRow, StringComparison.Ordinal);
        Assert.Contains("FETCHING", runRow, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.Error);
        using var status = JsonDocument.Parse(Assert.Single(json.Lines));
        var silo = Assert.Single(status.RootElement.GetProperty("silos").EnumerateArray());
        Assert.Equal("SILO_STATE_ACTIVE", silo.GetProperty("status").GetString());
        Assert.Equal(status.RootElement.GetProperty("answered_by").GetString(), silo.GetProperty("address").GetString());
        Assert.True(silo.GetProperty("load").GetProperty("activation_count").GetInt32() > 0);
        Assert.Contains(status.RootElement.GetProperty("active_runs").EnumerateArray(),
            run => run.GetProperty("run_id").GetString() == runId && run.GetProperty("connector_id").GetString() == connector);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--dead", unknown.Error, StringComparison.Ordinal);
    }
}
