namespace Grid.WeCom;

/// <summary>
/// Retries (<c>WeCom:Retry</c>) of transient failures: HTTP 5xx, timeouts, dropped connections, unreadable bodies
/// and WeCom's rate-limit errcodes 45009/45033. Delays grow exponentially with jitter.
/// </summary>
public sealed class WeComRetryOptions
{
    /// <summary>Retries after the first attempt (0 disables retrying).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; later ones grow exponentially.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one retry delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
