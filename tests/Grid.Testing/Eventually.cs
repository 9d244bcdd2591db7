using System.Diagnostics;

namespace Grid.Testing;

/// <summary>
/// Waits for state that raises no event to await (membership and reminder rows, an event applied by the inbox):
/// re-reads it until it matches or the timeout passes, then fails with what was awaited and what was last seen.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public static async Task<T> MatchAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string awaited, Func<T, string> describe)
    {
        var elapsed = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Interval);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (elapsed.Elapsed >= timeout)
            {
                throw new TimeoutException(
                    $"Waited {timeout.TotalSeconds:0} s for {awaited}, in vain. Last seen: {describe(value)}");
            }

            await timer.WaitForNextTickAsync();
        }
    }
}
