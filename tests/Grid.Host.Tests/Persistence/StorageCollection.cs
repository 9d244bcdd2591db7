namespace Grid.Host.Tests.Persistence;

/// <summary>
/// Runs alone (after the parallel collections): a cluster on a two-core machine keeps its timing only when it does
/// not share the processor with other clusters.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StorageCollection : ICollectionFixture<StorageClusterFixture>
{
    public const string Name = "PostgreSQL storage";
}
