namespace Grid.Host.Tests.Persistence;

/// <summary>A string-keyed grain whose storage deletes the row on clear (DeleteStateOnClear).</summary>
[Alias("grid.tests.deleting-probe")]
public interface IDeletingProbeGrain : IStateProbe, IGrainWithStringKey;
