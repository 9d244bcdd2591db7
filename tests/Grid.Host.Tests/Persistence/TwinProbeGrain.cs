using Grid.Host.Hosting;

namespace Grid.Host.Tests.Persistence;

public sealed class TwinProbeGrain([PersistentState(ProbeGrain.StateName, OrleansHostingExtensions.StorageName)] IPersistentState<ProbeState> state)
    : StateProbeGrain(state), ITwinProbeGrain;
