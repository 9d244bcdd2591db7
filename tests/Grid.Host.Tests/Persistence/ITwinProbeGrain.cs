namespace Grid.Host.Tests.Persistence;

/// <summary>Another grain type with the same state name as <see cref="IProbeGrain"/>, in the same storage.</summary>
[Alias("grid.tests.twin-probe")]
public interface ITwinProbeGrain : IStateProbe, IGrainWithStringKey;
