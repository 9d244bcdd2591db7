using BenchmarkDotNet.Running;

namespace Grid.Benchmarks.Micro;

/// <summary>
/// Runs the BenchmarkDotNet classes of this folder (each carries <see cref="MicroConfig"/>); every one unless the
/// arguments filter them.
/// </summary>
internal static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        // Without a filter BenchmarkSwitcher asks on the console which benchmark to run.
        var runAll = !args.Any(arg => arg is "--filter" or "-f" or "--list" or "--help" or "-h" or "--info" or "--version");
        var arguments = runAll ? [.. args, "--filter", "*"] : args;
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(arguments);
        var failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
        return failed ? 1 : 0;
    }
}
