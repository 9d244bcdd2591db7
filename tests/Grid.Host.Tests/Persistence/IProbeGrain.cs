namespace Grid.Host.Tests.Persistence;

/// <summary>A string-keyed grain with state "probe" in storage "grid".</summary>
[Alias("grid.tests.probe")]
public interface IProbeGrain : IStateProbe, IGrainWithStringKey;
