namespace Grid.WeCom.Simulator.Hosting;

/// <summary>
/// WeCom's frequency limits per API per corp (API.md §7): 10,000 calls a minute and 150,000 an hour; exceeding one
/// returns 45009 and blocks that API for the corp for 60 seconds (minute limit) or 60 minutes (hour limit).
/// Off by default so that tests and dev runs are fast; can be switched at run time.
/// </summary>
public sealed class SimulatorQuotaOptions
{
    public bool Enabled { get; set; }

    public int CallsPerMinute { get; set; } = 10_000;

    public int CallsPerHour { get; set; } = 150_000;
}
