using System.Globalization;

namespace Grid.Grains.Connectors;

/// <summary>
/// When a daily local time next happens in a time zone. DST rules: a local time skipped by a spring-forward gap runs
/// at the first valid minute after it (the moment the clock jumps); a local time that happens twice in a fall-back
/// overlap runs once, at its first occurrence.
/// </summary>
public static class DailySchedule
{
    /// <summary>Parses "HH:mm" (24-hour); false for anything else.</summary>
    public static bool TryParseLocalTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The first instant strictly after <paramref name="after"/> at which the clock in
    /// <paramref name="zone"/> shows <paramref name="localTime"/> (adjusted for DST as described above).</summary>
    public static DateTimeOffset NextOccurrence(DateTimeOffset after, TimeOnly localTime, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);

        // Today's occurrence may already have passed; two days ahead covers every offset change.
        for (var day = 0; day <= 2; day++)
        {
            var occurrence = OccurrenceOn(localDate.AddDays(day), localTime, zone);
            if (occurrence > after)
            {
                return occurrence;
            }
        }

        throw new InvalidOperationException("unreachable: a daily time occurs within three days");
    }

    private static DateTimeOffset OccurrenceOn(DateOnly date, TimeOnly localTime, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(localTime, DateTimeKind.Unspecified);
        var guard = 0;
        while (zone.IsInvalidTime(local) && guard++ < 24 * 60)
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
