using System.Diagnostics;
using System.Globalization;

namespace Grid.Benchmarks.Macro;

/// <summary>
/// Our own harness for end-to-end runs of seconds each. BenchmarkDotNet is built for micro benchmarks (many short
/// invocations, pilot and overhead stages, a process per benchmark) and is not meant for multi-second runs that
/// start servers; this harness does what those need and no more: one untimed warm-up round, then
/// <c>runs</c> rounds in which every case runs once (the starting case rotates, so that drift in the machine's load
/// spreads over all cases), a full GC before each run, and medians of wall time, process CPU time and allocated
/// bytes, each with its ratio to the baseline's median measured in the same rounds.
/// </summary>
internal sealed class MacroHarness(int runs, TextWriter output)
{
    public async Task<IReadOnlyList<MacroResult>> MeasureAsync(string title, MacroCase baseline, IReadOnlyList<MacroCase> cases)
    {
        MacroCase[] all = [baseline, .. cases];
        await output.WriteLineAsync($"{title}: warm-up round, then {runs} measured rounds of {all.Length} cases").ConfigureAwait(false);
        foreach (var macroCase in all)
        {
            await macroCase.RunAsync().ConfigureAwait(false);
        }

        var samples = all.Select(_ => new List<MacroSample>(runs)).ToArray();
        for (var round = 0; round < runs; round++)
        {
            for (var offset = 0; offset < all.Length; offset++)
            {
                var index = (round + offset) % all.Length;
                samples[index].Add(await MeasureOnceAsync(all[index]).ConfigureAwait(false));
            }

            await output.WriteLineAsync($"  round {round + 1}/{runs} done").ConfigureAwait(false);
        }

        var results = all.Select((macroCase, index) => MacroResult.Of(macroCase, samples[index])).ToList();
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(Table(title, results)).ConfigureAwait(false);
        return results;
    }

    private static async Task<MacroSample> MeasureOnceAsync(MacroCase macroCase)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var outcome = await macroCase.RunAsync().ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started);
        return new MacroSample(
            wall, Environment.CpuUsage.TotalTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated, outcome);
    }

    private static string Table(string title, List<MacroResult> results)
    {
        var baseline = results[0];
        var table = new System.Text.StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{title} (medians of {baseline.Samples.Count} runs; ratios = median / baseline median)");
        table.AppendLine();
        table.AppendLine("| Case | Wall ms (min-max) | Ratio | CPU ms | CPU ratio | Allocated MB | Alloc ratio | Throughput | Work |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var result in results)
        {
            table.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {(result == baseline ? "**baseline**: " : "")}{result.Case.Name} " +
                $"| {result.WallMs:N0} ({result.MinWallMs:N0}-{result.MaxWallMs:N0}) | {Ratio(result.WallMs, baseline.WallMs)} " +
                $"| {result.CpuMs:N0} | {Ratio(result.CpuMs, baseline.CpuMs)} " +
                $"| {result.AllocatedMb:N1} | {Ratio(result.AllocatedMb, baseline.AllocatedMb)} " +
                $"| {result.ItemsPerSecond:N0} {result.Case.Unit}/s | {result.Work} |"));
        }

        return table.ToString();
    }

    private static string Ratio(double value, double baseline) =>
        baseline > 0 ? (value / baseline).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
