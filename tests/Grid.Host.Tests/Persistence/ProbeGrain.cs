using Grid.Host.Hosting;

namespace Grid.Host.Tests.Persistence;

public sealed class ProbeGrain([PersistentState(ProbeGrain.StateName, OrleansHostingExtensions.StorageName)] IPersistentState<ProbeState> state)
    : StateProbeGrain(state), IProbeGrain
{
    public const string StateName = "probe";
}
