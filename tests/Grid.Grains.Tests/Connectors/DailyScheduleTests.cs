using Grid.Grains.Connectors;

namespace Grid.Grains.Tests.Connectors;

public sealed class DailyScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-03-01T00:00:00Z", "2026-03-01T19:00:00Z")] // 08:00 local: tomorrow 03:00
    [InlineData("2026-03-01T18:00:00Z", "2026-03-01T19:00:00Z")] // 02:00 local: today 03:00
    [InlineData("2026-03-01T19:00:00Z", "2026-03-02T19:00:00Z")] // exactly 03:00: strictly after, so tomorrow
    public void NextOccurrence_InAZoneWithoutDst_IsTheNextLocalTime(string after, string expected)
    {
        Assert.Equal(Parse(expected), DailySchedule.NextOccurrence(Parse(after), new TimeOnly(3, 0), Shanghai));
    }

    [Fact]
    public void NextOccurrence_OnASpringForwardDay_RunsWhenTheClockJumpsOverTheMissingTime()
    {
        // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT, so 02:30 never happens.
        var next = DailySchedule.NextOccurrence(Parse("2026-03-08T05:00:00Z"), new TimeOnly(2, 30), NewYork);

        Assert.Equal(Parse("2026-03-08T07:00:00Z"), next);
        Assert.Equal(Parse("2026-03-09T06:30:00Z"), DailySchedule.NextOccurrence(next, new TimeOnly(2, 30), NewYork));
    }

    [Fact]
    public void NextOccurrence_OnAFallBackDay_RunsOnceAtTheFirstOccurrence()
    {
        // New York, 1 November 2026: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice.
        var first = DailySchedule.NextOccurrence(Parse("2026-11-01T04:00:00Z"), new TimeOnly(1, 30), NewYork);
        var after = DailySchedule.NextOccurrence(first, new TimeOnly(1, 30), NewYork);

        Assert.Equal(Parse("2026-11-01T05:30:00Z"), first);
        Assert.Equal(Parse("2026-11-02T06:30:00Z"), after);
    }

    [Fact]
    public void NextOccurrence_AcrossADstChange_KeepsTheLocalTimeAndShiftsUtc()
    {
        // Berlin, 29 March 2026: CET (+1) becomes CEST (+2).
        var before = DailySchedule.NextOccurrence(Parse("2026-03-27T12:00:00Z"), new TimeOnly(3, 0), Berlin);
        var after = DailySchedule.NextOccurrence(before, new TimeOnly(3, 0), Berlin);
        var later = DailySchedule.NextOccurrence(after, new TimeOnly(3, 0), Berlin);

        Assert.Equal(Parse("2026-03-28T02:00:00Z"), before);
        Assert.Equal(Parse("2026-03-29T01:00:00Z"), after);
        Assert.Equal(Parse("2026-03-30T01:00:00Z"), later);
    }

    [Fact]
    public void NextOccurrence_InUtc_IsPlain()
    {
        Assert.Equal(
            Parse("2026-06-02T00:15:00Z"),
            DailySchedule.NextOccurrence(Parse("2026-06-01T23:00:00Z"), new TimeOnly(0, 15), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("03:00", true)]
    [InlineData("23:59", true)]
    [InlineData("24:00", false)]
    [InlineData("3:00", false)]
    [InlineData("03:00:00", false)]
    [InlineData("", false)]
    public void TryParseLocalTime_AcceptsOnlyHhMm(string text, bool valid)
    {
        Assert.Equal(valid, DailySchedule.TryParseLocalTime(text, out _));
    }

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
