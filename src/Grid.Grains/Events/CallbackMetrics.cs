using System.Diagnostics.Metrics;
using Grid.Abstractions.Events;

namespace Grid.Grains.Events;

/// <summary>
/// WeCom change callbacks' instruments (meter <see cref="MeterName"/>): what the receiver took or refused, and how long
/// an event waited from its receipt to its end in the inbox. Tags are bounded (outcome, reason, status).
/// </summary>
public static class CallbackMetrics
{
    public const string MeterName = "Grid.Callbacks";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Received = Meter.CreateCounter<long>(
        "grid.callbacks.received", "{callback}", "Callbacks made durable and answered 200, by outcome (new, replayed)");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "grid.callbacks.rejected", "{callback}",
        "Callbacks refused, by reason (malformed, forbidden, unknown_connector, too_large, unavailable)");

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "grid.callbacks.lag", "s", "Time from an event's receipt to its end (applied, ignored, held or parked), by status");

    public static void Accepted(bool isNew) =>
        Received.Add(1, new KeyValuePair<string, object?>("outcome", isNew ? "new" : "replayed"));

    /// <summary>A refusal, by the HTTP status it was answered with.</summary>
    public static void Refused(int status) => Rejected.Add(1, new KeyValuePair<string, object?>("reason", status switch
    {
        400 => "malformed",
        403 => "forbidden",
        404 => "unknown_connector",
        413 => "too_large",
        _ => "unavailable",
    }));

    internal static void Finished(WeComEvent e, DateTimeOffset now) => Lag.Record(
        Math.Max(0, (now - e.ReceivedAt).TotalSeconds), new KeyValuePair<string, object?>("status", e.Status.ToString()));
}
