namespace Grid.Grains.Tests.Sync;

/// <summary>The scale measurement runs alone on a cluster of its own: its timings must not share the machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleCollection : ICollectionFixture<ScaleClusterFixture>
{
    public const string Name = "sync scale";
}
