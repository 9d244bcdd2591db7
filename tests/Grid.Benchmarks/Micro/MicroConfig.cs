using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Grid.Benchmarks.Micro;

/// <summary>
/// A short job for a shared 2-core machine: one launch, 3 warm-up and 15 measured iterations of about 500 ms, so the
/// whole suite takes a few minutes. Few iterations make single means noisy: read the median and the ratios.
/// In process: the default toolchain rebuilds this project and everything it references into a generated one before
/// each run, which under the strict analyzers takes longer than BenchmarkDotNet's 2-minute build timeout on a loaded
/// 2-core machine; these benchmarks are single-threaded CPU work, so the host process (Release, server GC like
/// Grid.Host) serves as well.
/// </summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Median, new MedianRatioColumn());
    }
}
