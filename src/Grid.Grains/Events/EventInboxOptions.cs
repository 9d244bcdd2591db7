namespace Grid.Grains.Events;

/// <summary>How a connector's inbox applies WeCom change callbacks. Section <c>Grid:Events</c>.</summary>
public sealed class EventInboxOptions
{
    public const string SectionName = "Grid:Events";

    /// <summary>Events applied at once per connector (each on its own member or department). 1-1024, default 64.</summary>
    public int ApplyParallelism { get; set; } = 64;

    /// <summary>Unfinished events an inbox holds in memory; more wait in the journal. 100-1,000,000, default 10,000.</summary>
    public int MaxInMemory { get; set; } = 10_000;

    /// <summary>Attempts before a failing event is parked. 1-100, default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the first retry; doubled per attempt up to <see cref="RetryMaxDelay"/>. Default 5 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between retries. Default 10 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one attempt may take before it counts as failed. Default 1 minute.</summary>
    public TimeSpan ApplyTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often each silo looks in the journal for connectors with unfinished events and wakes their inboxes (after a
    /// silo was lost, and for retries), and purges old events. Default 30 s.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long applied, ignored and held events stay listed before they are purged. Default 7 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The retry delay after <paramref name="attempts"/> failed attempts.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = RetryBaseDelay.TotalMilliseconds * factor;
        return delay >= RetryMaxDelay.TotalMilliseconds ? RetryMaxDelay : TimeSpan.FromMilliseconds(delay);
    }
}
