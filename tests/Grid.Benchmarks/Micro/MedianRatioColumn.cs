using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Grid.Benchmarks.Micro;

/// <summary>
/// The ratio of medians to the baseline's median. BenchmarkDotNet's Ratio column divides means, which one slow
/// iteration on a loaded machine drags; medians are what the house rule compares.
/// </summary>
public sealed class MedianRatioColumn : IColumn
{
    public string Id => nameof(MedianRatioColumn);

    public string ColumnName => "Median ratio";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Baseline;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Median of this benchmark / median of the baseline in the same class";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        var baselineMedian = baseline is null ? null : summary[baseline]?.ResultStatistics?.Median;
        return median is { } value && baselineMedian is > 0
            ? (value / baselineMedian.Value).ToString("0.00", CultureInfo.InvariantCulture)
            : "?";
    }

    public bool IsAvailable(Summary summary) => summary.HasBaselines();

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
