using Grid.Host.Hosting;

namespace Grid.Host.Tests.Persistence;

public sealed class NumberedProbeGrain(
    [PersistentState(NumberedProbeGrain.StateName, OrleansHostingExtensions.StorageName)] IPersistentState<ProbeState> state)
    : StateProbeGrain(state), INumberedProbeGrain
{
    public const string StateName = "numbered-probe";
}
