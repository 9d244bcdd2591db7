using Grid.Abstractions.Events;

namespace Grid.Grains.Events;

/// <summary>
/// Which events the journal forgets: applied, ignored, held, approved and discarded ones, once finished longer ago than
/// the retention.
/// </summary>
public static class WeComEventRetention
{
    /// <summary>The statuses of events that may be purged (never durable, failed or parked ones).</summary>
    public static readonly IReadOnlySet<WeComEventStatus> Purgeable =
        new HashSet<WeComEventStatus>
        {
            WeComEventStatus.Applied, WeComEventStatus.Ignored, WeComEventStatus.Held, WeComEventStatus.Approved, WeComEventStatus.Discarded,
        };

    public static bool IsPurgeable(WeComEvent e, DateTimeOffset finishedBefore) =>
        Purgeable.Contains(e.Status) && e.FinishedAt is { } finished && finished < finishedBefore;
}
