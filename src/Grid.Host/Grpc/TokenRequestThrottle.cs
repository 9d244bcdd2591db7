using Microsoft.Extensions.Options;

namespace Grid.Host.Grpc;

/// <summary>
/// Counts failed token requests per remote address in a sliding window (<see cref="TokenRequestLimitOptions"/>), and
/// counts the requests of an address still being checked against what is left, so that parallel requests cannot
/// take more guesses than the limit. Only failures take permits: a well-behaved caller never meets the limit. Per
/// silo: a cluster of N silos allows up to N times the configured number.
/// </summary>
/// <remarks>
/// The time of each failure is kept (at most the limit per address), so that a refused caller is told the real wait:
/// until enough failures have left the window. System.Threading.RateLimiting's sliding window cannot say when its
/// permits come back (it returns a segment's permits on a timer of its own), and it does not take a
/// <see cref="TimeProvider"/>, which the tests of the wait need.
/// </remarks>
internal sealed class TokenRequestThrottle
{
    // A caller refused only because its other requests are still being checked waits for them, which is quick.
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly Dictionary<string, Address> _addresses = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep;

    public TokenRequestThrottle(IOptions<GridAuthOptions> options, TimeProvider time)
    {
        var limits = options.Value.FailedTokenRequests;
        _limit = limits.PerAddress;
        _window = limits.Window;
        _time = time;
        _nextSweep = time.GetUtcNow() + _window;
    }

    /// <summary>
    /// Starts checking a request from <paramref name="address"/>; false when the address has no failure left to spend
    /// on it (the failures of the window plus the requests in flight reach the limit), with the time until a request
    /// would be allowed in <paramref name="retryAfter"/>. Every true must be followed by one <see cref="End"/>.
    /// </summary>
    public bool TryBegin(string address, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            SweepIfDue(now);
            if (!_addresses.TryGetValue(address, out var state))
            {
                state = new Address();
                _addresses.Add(address, state);
            }

            state.Expire(now - _window);
            var excess = state.Failures.Count + state.InFlight - _limit;
            if (excess < 0)
            {
                state.InFlight++;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            // Allowed once excess + 1 failures have left the window, the oldest first; when the requests in flight
            // alone hold the limit, once they end (they may succeed and spend nothing).
            retryAfter = excess < state.Failures.Count
                ? state.Failures.ElementAt(excess) + _window - now
                : InFlightWait;
            return false;
        }
    }

    /// <summary>Ends a request started by <see cref="TryBegin"/>, spending a permit when its credentials were wrong.</summary>
    public void End(string address, bool rejected)
    {
        lock (_gate)
        {
            var state = _addresses[address];
            state.InFlight--;
            if (rejected)
            {
                state.Failures.Enqueue(_time.GetUtcNow());
            }
        }
    }

    // Once a window, forget the addresses whose failures have all left it, so that the table does not keep every
    // address ever seen.
    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + _window;
        foreach (var (address, state) in _addresses)
        {
            state.Expire(now - _window);
            if (state.InFlight == 0 && state.Failures.Count == 0)
            {
                _addresses.Remove(address);
            }
        }
    }

    private sealed class Address
    {
        /// <summary>When each failure of the window happened, the oldest first.</summary>
        public Queue<DateTimeOffset> Failures { get; } = new();

        public int InFlight { get; set; }

        public void Expire(DateTimeOffset windowStart)
        {
            while (Failures.TryPeek(out var oldest) && oldest <= windowStart)
            {
                Failures.Dequeue();
            }
        }
    }
}
