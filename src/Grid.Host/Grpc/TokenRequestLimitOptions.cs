namespace Grid.Host.Grpc;

/// <summary>
/// Failed token requests (wrong or unknown client credentials) allowed from one remote address per <see cref="Window"/>
/// before its token requests are refused with RESOURCE_EXHAUSTED until the window moves on (per silo). Successful
/// requests are not counted. There is no per-client-id limit on purpose: client ids are not secret, so such a limit
/// would let anyone lock a known client out, and generated secrets (256 random bits) cannot be guessed anyway.
/// </summary>
public sealed class TokenRequestLimitOptions
{
    /// <summary>Failed requests from one remote address per window (1 to 10,000).</summary>
    public int PerAddress { get; set; } = 10;

    /// <summary>The sliding window (1 second to 1 hour); refused callers are told to retry when enough failures have left it.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
