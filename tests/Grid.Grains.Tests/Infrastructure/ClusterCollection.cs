namespace Grid.Grains.Tests.Infrastructure;

/// <summary>The test collection that shares one <see cref="ClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "grid cluster";
}
