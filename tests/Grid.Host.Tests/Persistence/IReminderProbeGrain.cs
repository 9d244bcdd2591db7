namespace Grid.Host.Tests.Persistence;

/// <summary>A grain with one reminder, "tick", that counts its ticks in persisted state.</summary>
[Alias("grid.tests.reminder-probe")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers (or re-registers) the reminder: first tick after one period, then every period.</summary>
    [Alias("start")]
    Task Start(TimeSpan period);

    /// <summary>Unregisters the reminder.</summary>
    [Alias("stop")]
    Task Stop();

    /// <summary>How many ticks have been recorded, over every activation and cluster.</summary>
    [Alias("ticks")]
    Task<int> Ticks();
}
