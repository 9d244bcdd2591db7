using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace Grid.Benchmarks.Micro;

/// <summary>
/// A short job for a shared 2-core machine: one launch, 3 warm-up and 7 measured iterations of about 250 ms, so the
/// whole suite takes a few minutes. Few iterations make single means noisy: read the median and the ratios.
/// </summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(7)
            .WithIterationTime(TimeInterval.FromMilliseconds(250)));
        AddColumn(new MedianRatioColumn());
    }
}
