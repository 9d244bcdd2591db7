using Grid.Host.Hosting;

namespace Grid.Host.Tests.Hosting;

public sealed class IdleHeapTrimPolicyTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void AfterABurst_TheFirstQuietInterval_Trims_AndOnlyOnce()
    {
        var policy = new IdleHeapTrimPolicy(allocatedAtStart: 1_000 * MiB);

        var duringBurst = policy.ShouldTrim(1_300 * MiB);
        var firstQuiet = policy.ShouldTrim(1_301 * MiB);
        policy.Trimmed(1_301 * MiB);
        var stillQuiet = new[] { 1_302, 1_303, 1_304 }.Select(mib => policy.ShouldTrim(mib * MiB)).ToList();

        Assert.False(duringBurst);
        Assert.True(firstQuiet);
        Assert.All(stillQuiet, Assert.False);
    }

    [Fact]
    public void ASiloThatStaysBusy_IsNeverInterrupted()
    {
        var policy = new IdleHeapTrimPolicy(allocatedAtStart: 0);

        var ticks = Enumerable.Range(1, 20).Select(i => policy.ShouldTrim(i * 50 * MiB)).ToList();

        Assert.All(ticks, Assert.False);
    }

    [Fact]
    public void QuietWithoutABurstBefore_DoesNotTrim_UntilTheAllocationsAddUpToOne()
    {
        var policy = new IdleHeapTrimPolicy(allocatedAtStart: 0);

        // 3 MiB per interval: always quiet, and a burst's worth only after 22 intervals (66 MiB).
        var ticks = Enumerable.Range(1, 22).Select(i => policy.ShouldTrim(i * 3 * MiB)).ToList();

        Assert.All(ticks.Take(21), Assert.False);
        Assert.True(ticks[^1]);
    }
}
