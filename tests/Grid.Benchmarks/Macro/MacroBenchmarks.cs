using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Grid.WeCom.Simulator.Generation;

namespace Grid.Benchmarks.Macro;

/// <summary>Generates the company once, then measures planning and the full fetch (see <see cref="MacroHarness"/>).</summary>
internal static class MacroBenchmarks
{
    public static async Task<int> RunAsync(MacroOptions options, TextWriter output)
    {
        await output.WriteLineAsync(
            $"Grid macro benchmarks, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}: {RuntimeInformation.FrameworkDescription}, " +
            $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical CPUs, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {LoadAverage()}").ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        var company = CompanyGenerator.Generate(options.Seed, options.Members, options.Departments);
        await output.WriteLineAsync(
            $"Generated {company.MemberCount:N0} members in {company.DepartmentCount:N0} departments (seed {options.Seed}) " +
            $"in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);

        var harness = new MacroHarness(options.Runs, output);
        await PlanningBenchmark.RunAsync(company, options.Seed, harness).ConfigureAwait(false);
        await FetchBenchmark.RunAsync(company, harness).ConfigureAwait(false);
        await output.WriteLineAsync($"Load average at the end: {LoadAverage()}").ConfigureAwait(false);
        return 0;
    }

    // What `uptime` prints: the machine's load tells how far to trust wall times.
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }
}
