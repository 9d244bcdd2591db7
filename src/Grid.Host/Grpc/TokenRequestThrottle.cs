using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Grid.Host.Grpc;

/// <summary>
/// Counts failed token requests per remote address in a sliding window (<see cref="TokenRequestLimitOptions"/>), and
/// counts the requests of an address still being checked against what is left, so that parallel requests cannot
/// take more guesses than the limit. Only failures take permits: a well-behaved caller never meets the limit. Per
/// silo: a cluster of N silos allows up to N times the configured number.
/// </summary>
internal sealed class TokenRequestThrottle : IDisposable
{
    private const int SegmentsPerWindow = 6;

    private readonly PartitionedRateLimiter<string> _failures;
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    public TokenRequestThrottle(IOptions<GridAuthOptions> options)
    {
        var limits = options.Value.FailedTokenRequests;

        // A sliding window gives permits back a segment at a time: that is the soonest a refused caller can succeed.
        RetryAfter = limits.Window / SegmentsPerWindow;
        _failures = PartitionedRateLimiter.Create<string, string>(
            address => RateLimitPartition.GetSlidingWindowLimiter(address, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limits.PerAddress,
                Window = limits.Window,
                SegmentsPerWindow = SegmentsPerWindow,
                QueueLimit = 0,
            }),
            StringComparer.Ordinal);
    }

    /// <summary>How long a refused caller is told to wait.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>
    /// Starts checking a request from <paramref name="address"/>; false when the address has no failure left to spend
    /// on it (the failures of the window plus the requests in flight reach the limit). Every true must be followed by
    /// one <see cref="End"/>.
    /// </summary>
    public bool TryBegin(string address)
    {
        var inFlight = _inFlight.AddOrUpdate(address, 1, static (_, count) => count + 1);
        var left = _failures.GetStatistics(address)?.CurrentAvailablePermits ?? 0;
        if (inFlight <= left)
        {
            return true;
        }

        Release(address);
        return false;
    }

    /// <summary>Ends a request started by <see cref="TryBegin"/>, spending a permit when its credentials were wrong.</summary>
    public void End(string address, bool rejected)
    {
        if (rejected)
        {
            _failures.AttemptAcquire(address).Dispose();
        }

        Release(address);
    }

    public void Dispose() => _failures.Dispose();

    private void Release(string address)
    {
        _inFlight.AddOrUpdate(address, 0, static (_, count) => count - 1);
        _inFlight.TryRemove(new KeyValuePair<string, int>(address, 0));
    }
}
