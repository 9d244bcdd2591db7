using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl sync start [--dry-run] [--watch]</c>: starts a run; with --watch follows WatchSyncRun with a progress bar
/// (or JSON lines) until the run ends, and exits 7 unless it Succeeded (or, dry, Planned).
/// </summary>
public sealed class SyncStartCommand(StandardStreams streams, GridSession session) : OnlineCommand<SyncStartCommand.Settings>(streams, session)
{
    public sealed class Settings : ConnectorSettings
    {
        [CommandOption("--dry-run")]
        [Description("Fetch and plan only; apply nothing (see the plan with 'gridctl sync show RUN --plan').")]
        public bool DryRun { get; set; }

        [CommandOption("-w|--watch")]
        [Description("Follow the run's progress until it ends.")]
        public bool Watch { get; set; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var tenant = TenantOf(settings, grid);
        var started = await grid.Admin.StartSyncAsync(
            new StartSyncRequest { TenantId = tenant, ConnectorId = settings.Connector!, DryRun = settings.DryRun }, grid.Call(cancellationToken));
        var run = started.Run;
        if (settings.Json)
        {
            await WriteJsonAsync(run);
        }
        else
        {
            await Streams.Out.WriteLineAsync($"started run {run.RunId}{(run.DryRun ? " (dry run)" : "")}");
        }

        if (!settings.Watch)
        {
            return ExitCodes.Success;
        }

        var final = await SyncWatch.FollowAsync(grid, tenant, settings.Connector!, run.RunId, settings.Json, Console(), WriteJsonAsync, cancellationToken);
        if (!settings.Json)
        {
            SyncRunView.Render(Console(), final);
            if (final.State == SyncRunState.Protected)
            {
                await Streams.Out.WriteLineAsync($"run {final.RunId} is Protected: review it with 'gridctl sync show {final.RunId} --plan', then 'gridctl sync approve {final.RunId}' or change the thresholds");
            }
        }

        return SyncRunView.Succeeded(final) ? ExitCodes.Success : ExitCodes.NotSucceeded;
    }
}
