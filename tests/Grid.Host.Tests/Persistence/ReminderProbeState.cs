namespace Grid.Host.Tests.Persistence;

[GenerateSerializer, Alias("grid.tests.reminder-probe-state")]
public sealed class ReminderProbeState
{
    [Id(0)]
    public int Ticks { get; set; }
}
