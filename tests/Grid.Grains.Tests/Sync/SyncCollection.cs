namespace Grid.Grains.Tests.Sync;

/// <summary>The sync tests share one <see cref="SyncClusterFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SyncCollection : ICollectionFixture<SyncClusterFixture>
{
    public const string Name = "sync cluster";
}
