using Google.Protobuf;
using Grid.Contracts.V1;
using Grpc.Core;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>Follows WatchSyncRun: a progress bar per phase for people, one JSON line per update for scripts.</summary>
internal static class SyncWatch
{
    public static async Task<SyncRun> FollowAsync(
        GridConnection grid,
        string tenant,
        string connector,
        string runId,
        bool json,
        IAnsiConsole console,
        Func<IMessage, Task> writeJson,
        CancellationToken cancellationToken)
    {
        using var call = grid.Admin.WatchSyncRun(
            new WatchSyncRunRequest { TenantId = tenant, ConnectorId = connector, RunId = runId }, grid.Call(cancellationToken));
        SyncRun? last = null;
        if (json)
        {
            await foreach (var update in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                last = update.Run;
                await writeJson(update.Run);
            }
        }
        else
        {
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var phases = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    await foreach (var update in call.ResponseStream.ReadAllAsync(cancellationToken))
                    {
                        last = update.Run;
                        var phase = update.Run.Progress?.Phase is { Length: > 0 } name ? name : "start";
                        if (!phases.TryGetValue(phase, out var task))
                        {
                            foreach (var earlier in phases.Values)
                            {
                                earlier.Value = earlier.MaxValue;
                            }

                            task = progress.AddTask(phase, maxValue: 1);
                            phases[phase] = task;
                        }

                        var total = update.Run.Progress?.Total ?? 0;
                        var completed = update.Run.Progress?.Completed ?? 0;
                        task.MaxValue = Math.Max(1, total == 0 ? completed + 1 : total);
                        task.Value = completed;
                        task.Description = $"{phase} ({SyncRunView.State(update.Run)})";
                    }

                    foreach (var task in phases.Values)
                    {
                        task.Value = task.MaxValue;
                    }
                });
        }

        return last ?? throw new CliException(ExitCodes.ServerError, $"the server sent no update for run {runId}");
    }
}
