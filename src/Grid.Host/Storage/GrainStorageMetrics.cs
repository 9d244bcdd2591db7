using System.Diagnostics.Metrics;

namespace Grid.Host.Storage;

/// <summary>
/// The PostgreSQL grain storage's instruments (meter <see cref="MeterName"/>). Tags: the operation (read, write) and,
/// for retries, the reason (a SQLSTATE or <c>connection</c>). Never a grain id or a payload.
/// </summary>
public static class GrainStorageMetrics
{
    public const string MeterName = "Grid.Storage";

    /// <summary>The instrument that records one measurement per statement: how many grain states it carried.</summary>
    public const string BatchSizeName = "grid.storage.batch.size";

    private static readonly Meter Meter = new(MeterName);

    // Bucket advice: the exporter's defaults (0, 5, 10, 25, ...) would put every statement's milliseconds in one bucket.
    private static readonly Histogram<int> BatchSizes = Meter.CreateHistogram(
        BatchSizeName,
        "{state}",
        "Grain states read or written by one statement (one measurement per statement that succeeded)",
        tags: null,
        new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    private static readonly Histogram<double> Durations = Meter.CreateHistogram(
        "grid.storage.statement.duration",
        "s",
        "One grain-state statement's round trip, retries excluded",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] });

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "grid.storage.retries", "{retry}", "Grain-state statements sent again after a transient refusal");

    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        "grid.storage.conflicts", "{conflict}", "Writes and clears refused for an ETag mismatch (InconsistentStateException)");

    internal static void Statement(string operation, int states, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("operation", operation);
        BatchSizes.Record(states, tag);
        Durations.Record(duration.TotalSeconds, tag);
    }

    internal static void Retried(string operation, string reason) =>
        Retries.Add(1, new KeyValuePair<string, object?>("operation", operation), new("reason", reason));

    internal static void Conflicted() => Conflicts.Add(1);
}
