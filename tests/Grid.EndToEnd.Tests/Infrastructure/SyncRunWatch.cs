using System.Diagnostics;
using Grid.Abstractions.Sync;

namespace Grid.EndToEnd.Tests.Infrastructure;

/// <summary>Follows a sync run through the coordinator's Watch stream, also across the loss of the silo holding it.</summary>
public static class SyncRunWatch
{
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(200);

    /// <summary>The first update that <paramref name="reached"/> accepts; fails when the stream ends or the deadline passes.</summary>
    public static async Task<SyncRun> UntilAsync(ISyncCoordinatorGrain coordinator, string runId, Func<SyncRun, bool> reached, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(reached);
        using var timeout = new CancellationTokenSource(deadline);
        SyncRun? last = null;
        await foreach (var update in coordinator.Watch(runId, timeout.Token))
        {
            last = update;
            if (reached(update))
            {
                return update;
            }
        }

        Assert.Fail($"Run {runId} stopped before the awaited moment; last seen: {last}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// The run's end, watched again after every failure: calls fail while the cluster has not yet declared a killed
    /// silo dead; the first call that gets through activates the coordinator on a survivor, which resumes the run (so
    /// does its resume reminder). <paramref name="describe"/> adds the silos' output to a failure.
    /// </summary>
    public static async Task<SyncRun> EndThroughFailoverAsync(ISyncCoordinatorGrain coordinator, string runId, TimeSpan deadline, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(describe);
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (clock.Elapsed < deadline)
        {
            try
            {
                using var timeout = new CancellationTokenSource(deadline - clock.Elapsed);
                SyncRun? last = null;
                await foreach (var update in coordinator.Watch(runId, timeout.Token))
                {
                    last = update;
                }

                if (last is { IsActive: false })
                {
                    return last;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                lastError = error;
                await Task.Delay(Backoff);
            }
        }

        Assert.Fail($"Run {runId} did not end within {deadline}; last error: {lastError}{Environment.NewLine}{describe()}");
        throw new InvalidOperationException("unreachable");
    }
}
