namespace Grid.Abstractions.Connectors;

/// <summary>
/// When the daily scheduled sync runs: <see cref="LocalTime"/> ("HH:mm", 24-hour) in the tenant's time zone.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.sync-schedule")]
public sealed record SyncSchedule(bool Enabled, string LocalTime)
{
    /// <summary>Enabled, every day at 03:00.</summary>
    public static SyncSchedule Default { get; } = new(true, "03:00");
}
