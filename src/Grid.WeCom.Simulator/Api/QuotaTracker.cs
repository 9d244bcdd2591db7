using Grid.WeCom.Simulator.Hosting;

namespace Grid.WeCom.Simulator.Api;

/// <summary>
/// Counts calls per (corp, API) in fixed minute and hour windows of the simulator's clock; past a limit the API is
/// blocked for the corp for the window's length, as WeCom does ("按分钟拦截则被屏蔽60秒，按小时拦截则被屏蔽60分钟").
/// </summary>
internal sealed class QuotaTracker(TimeProvider time)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string CorpId, string Api), Counter> _counters = [];

    /// <summary>Counts one call; false when the call is over a limit or the API is blocked.</summary>
    public bool TryAcquire(string corpId, string api, SimulatorQuotaOptions options)
    {
        if (!options.Enabled)
        {
            return true;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_counters.TryGetValue((corpId, api), out var counter))
            {
                counter = new Counter();
                _counters[(corpId, api)] = counter;
            }

            if (now < counter.BlockedUntil)
            {
                return false;
            }

            var minute = now.UtcTicks / Minute.Ticks;
            var hour = now.UtcTicks / Hour.Ticks;
            if (counter.MinuteWindow != minute)
            {
                (counter.MinuteWindow, counter.MinuteCount) = (minute, 0);
            }

            if (counter.HourWindow != hour)
            {
                (counter.HourWindow, counter.HourCount) = (hour, 0);
            }

            counter.MinuteCount++;
            counter.HourCount++;
            if (counter.HourCount > options.CallsPerHour)
            {
                counter.BlockedUntil = now + Hour;
                return false;
            }

            if (counter.MinuteCount > options.CallsPerMinute)
            {
                counter.BlockedUntil = now + Minute;
                return false;
            }

            return true;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _counters.Clear();
        }
    }

    private sealed class Counter
    {
        public long MinuteWindow { get; set; } = -1;

        public int MinuteCount { get; set; }

        public long HourWindow { get; set; } = -1;

        public int HourCount { get; set; }

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
