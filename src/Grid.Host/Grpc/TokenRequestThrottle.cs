using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Grid.Host.Grpc;

/// <summary>
/// Counts failed token requests per remote address and per client id in sliding windows
/// (<see cref="TokenRequestLimitOptions"/>). Only failures take permits, so a well-behaved caller never meets the limit;
/// once a partition has none left, every token request of that address or client is refused until the window moves
/// on. Per silo: a cluster of N silos allows up to N times the configured numbers.
/// </summary>
internal sealed class TokenRequestThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _byClient;
    private readonly TimeSpan _window;

    public TokenRequestThrottle(IOptions<GridAuthOptions> options)
    {
        var limits = options.Value.FailedTokenRequests;
        _window = limits.Window;
        _byAddress = Create(limits.PerAddress, limits.Window);
        _byClient = Create(limits.PerClient, limits.Window);
    }

    /// <summary>How long the caller must wait before asking again, or null when it may ask now.</summary>
    public TimeSpan? RetryAfter(string address, string clientId)
    {
        // Asking for zero permits tells whether any is left without taking one.
        using var byAddress = _byAddress.AttemptAcquire(address, 0);
        using var byClient = _byClient.AttemptAcquire(clientId, 0);
        if (byAddress.IsAcquired && byClient.IsAcquired)
        {
            return null;
        }

        var refused = byAddress.IsAcquired ? byClient : byAddress;
        return refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
    }

    /// <summary>Counts one failed request against the address and the client id.</summary>
    public void RecordFailure(string address, string clientId)
    {
        _byAddress.AttemptAcquire(address).Dispose();
        _byClient.AttemptAcquire(clientId).Dispose();
    }

    public void Dispose()
    {
        _byAddress.Dispose();
        _byClient.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
}
