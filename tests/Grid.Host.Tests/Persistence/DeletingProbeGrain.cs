using Grid.Host.Tests.Infrastructure;

namespace Grid.Host.Tests.Persistence;

public sealed class DeletingProbeGrain(
    [PersistentState(DeletingProbeGrain.StateName, PostgresSiloConfigurator.DeletingStorageName)] IPersistentState<ProbeState> state)
    : StateProbeGrain(state), IDeletingProbeGrain
{
    public const string StateName = "deleting-probe";
}
