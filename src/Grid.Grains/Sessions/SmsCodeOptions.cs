namespace Grid.Grains.Sessions;

/// <summary>One-time SMS codes. Section <c>Grid:Sessions:SmsCodes</c>.</summary>
public sealed class SmsCodeOptions
{
    /// <summary>How long a code is accepted (1 to 30 minutes; default 5 minutes).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before another code may be sent to the same number (10 seconds to the lifetime; default 60 s).</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Wrong codes tolerated before the code is spent (1-100; default 5).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The window of the address and tenant quotas below (1 minute to 1 day; default 1 hour).</summary>
    public TimeSpan QuotaWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Codes one client address may have sent per window, to any mobiles (1-100,000; default 10).</summary>
    public int MaxPerClientAddress { get; set; } = 10;

    /// <summary>Codes a whole tenant may have sent per window (1-100,000; default 2,000).</summary>
    public int MaxPerTenant { get; set; } = 2000;
}
