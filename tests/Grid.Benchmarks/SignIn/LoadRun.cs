using System.Diagnostics;

namespace Grid.Benchmarks.SignIn;

/// <summary>
/// One case under load: <c>concurrency</c> callers each call <c>call</c> back to back for the given time (after a
/// warm-up of a tenth of it); every call's latency is recorded. A case whose calls need untimed preparation (a fresh
/// login code each) times itself: <see cref="RunTimedAsync"/> records what its call returns.
/// </summary>
internal static class LoadRun
{
    public static Task<LoadResult> RunAsync(string name, Func<Task> call, int concurrency, TimeSpan duration) =>
        RunTimedAsync(
            name,
            async () =>
            {
                var start = Stopwatch.GetTimestamp();
                await call().ConfigureAwait(false);
                return Stopwatch.GetTimestamp() - start;
            },
            concurrency,
            duration);

    /// <param name="name">The case.</param>
    /// <param name="call">Does one call and returns its measured part in <see cref="Stopwatch"/> ticks.</param>
    /// <param name="concurrency">Callers in flight.</param>
    /// <param name="duration">How long the timed run lasts.</param>
    public static async Task<LoadResult> RunTimedAsync(string name, Func<Task<long>> call, int concurrency, TimeSpan duration)
    {
        await DriveAsync(call, concurrency, duration / 10, record: null);
        var latencies = new List<long>[concurrency];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await DriveAsync(call, concurrency, duration, latencies);
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(
            name, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99),
            all.Length == 0 ? TimeSpan.Zero : cpu / all.Length);
    }

    private static Task DriveAsync(Func<Task<long>> call, int concurrency, TimeSpan duration, List<long>[]? record)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = new List<long>(capacity: 1 << 16);
            if (record is not null)
            {
                record[worker] = mine;
            }

            while (Stopwatch.GetTimestamp() < end)
            {
                mine.Add(await call().ConfigureAwait(false));
            }
        }));
    }

    private static TimeSpan Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))]);
}

/// <summary>
/// A case's throughput and latency percentiles, and the process's CPU time per call (client and server are this one
/// process; it rises too on a machine shared with other work, but less than latency does).
/// </summary>
internal sealed record LoadResult(string Name, double CallsPerSecond, TimeSpan P50, TimeSpan P99, TimeSpan CpuPerCall);
