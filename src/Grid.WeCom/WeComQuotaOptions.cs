namespace Grid.WeCom;

/// <summary>
/// Client-side quotas (<c>WeCom:Quotas</c>) matching WeCom's documented limits: per API per corp 10,000 calls a
/// minute and 150,000 an hour, per IP 20,000 a minute. Calls over quota wait in a queue; they do not fail.
/// </summary>
public sealed class WeComQuotaOptions
{
    /// <summary>Whether quotas are enforced (turn off only against the simulator or in tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Calls per API path per corp per minute.</summary>
    public int PerApiPerMinute { get; set; } = 10_000;

    /// <summary>Calls per API path per corp per hour.</summary>
    public int PerApiPerHour { get; set; } = 150_000;

    /// <summary>Calls per minute from this process (WeCom counts per source IP).</summary>
    public int PerIpPerMinute { get; set; } = 20_000;
}
