using Grid.Abstractions.Sessions;

namespace Grid.Grains.Sessions;

public sealed class SmsQuotaGrain(
    [PersistentState("sms-quota", "grid")] IPersistentState<SmsQuotaState> state,
    TimeProvider time) : Grain, ISmsQuotaGrain
{
    public async Task<TimeSpan> Take(int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var now = time.GetUtcNow();
        var current = state.State;
        var inWindow = now < current.WindowStart + window;
        if (inWindow && current.Taken >= limit)
        {
            return current.WindowStart + window - now;
        }

        await state.WriteOrRevertAsync(inWindow
            ? new SmsQuotaState { WindowStart = current.WindowStart, Taken = current.Taken + 1 }
            : new SmsQuotaState { WindowStart = now, Taken = 1 });
        return TimeSpan.Zero;
    }
}
