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

    private static readonly Histogram<int> BatchSizes = Meter.CreateHistogram<int>(
        BatchSizeName, "{state}", "Grain states read or written by one statement (one per statement sent)");

    private static readonly Histogram<double> Durations = Meter.CreateHistogram<double>(
        "grid.storage.statement.duration", "s", "One grain-state statement's round trip, retries excluded");

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
