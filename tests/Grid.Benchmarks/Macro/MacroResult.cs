namespace Grid.Benchmarks.Macro;

/// <summary>The medians of one case's measured runs.</summary>
internal sealed record MacroResult(
    MacroCase Case,
    IReadOnlyList<MacroSample> Samples,
    double WallMs,
    double MinWallMs,
    double MaxWallMs,
    double CpuMs,
    double AllocatedMb,
    double ItemsPerSecond,
    string Work)
{
    public static MacroResult Of(MacroCase macroCase, IReadOnlyList<MacroSample> samples)
    {
        var wall = samples.Select(sample => sample.Wall.TotalMilliseconds).ToArray();
        var medianWall = Median(wall);
        var items = Median([.. samples.Select(sample => (double)sample.Outcome.Items)]);
        return new MacroResult(
            macroCase,
            samples,
            medianWall,
            wall.Min(),
            wall.Max(),
            Median([.. samples.Select(sample => sample.Cpu.TotalMilliseconds)]),
            Median([.. samples.Select(sample => sample.AllocatedBytes / (1024.0 * 1024.0))]),
            medianWall > 0 ? items / (medianWall / 1000) : 0,
            samples[^1].Outcome.Work);
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
