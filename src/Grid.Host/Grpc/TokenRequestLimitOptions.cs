namespace Grid.Host.Grpc;

/// <summary>
/// Failed token requests (wrong or unknown client credentials) allowed per <see cref="Window"/> before further token
/// requests are refused with RESOURCE_EXHAUSTED until the window moves on: <see cref="PerAddress"/> from one remote
/// address, <see cref="PerClient"/> for one client id (counted per silo). Successful requests are not counted.
/// </summary>
public sealed class TokenRequestLimitOptions
{
    /// <summary>Failed requests from one remote address per window (1 to 10,000).</summary>
    public int PerAddress { get; set; } = 10;

    /// <summary>Failed requests for one client id per window, from any address (1 to 10,000).</summary>
    public int PerClient { get; set; } = 20;

    /// <summary>The sliding window (1 second to 1 hour).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
