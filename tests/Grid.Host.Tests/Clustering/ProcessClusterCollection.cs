namespace Grid.Host.Tests.Clustering;

/// <summary>Runs alone: three silo processes take both cores while they start.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessClusterCollection
{
    public const string Name = "Grid.Host processes on PostgreSQL";
}
