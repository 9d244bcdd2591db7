using System.Collections.Concurrent;

namespace Grid.Host.Tests.Persistence;

/// <summary>
/// Tells a test when a <see cref="ReminderProbeGrain"/> ticks. Test silos run in the test process, so the grain can
/// complete the test's wait directly instead of the test polling for ticks.
/// </summary>
public static class ReminderTicks
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Waiting = new();

    /// <summary>Completes at the first tick of the grain after this call, or fails after the timeout.</summary>
    public static async Task NextAsync(string grainKey, TimeSpan timeout, string awaited)
    {
        var tick = Waiting.GetOrAdd(grainKey, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await tick.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {awaited}, in vain: the reminder of '{grainKey}' did not tick.");
        }
    }

    public static void Signal(string grainKey)
    {
        if (Waiting.TryRemove(grainKey, out var tick))
        {
            tick.TrySetResult();
        }
    }
}
