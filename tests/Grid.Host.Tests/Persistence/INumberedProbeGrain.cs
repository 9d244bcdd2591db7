namespace Grid.Host.Tests.Persistence;

/// <summary>An integer-keyed grain: its rows carry the key in grain_id_n1 and no key string.</summary>
[Alias("grid.tests.numbered-probe")]
public interface INumberedProbeGrain : IStateProbe, IGrainWithIntegerKey;
