namespace Grid.EndToEnd.Tests.Infrastructure;

/// <summary>Tests that share one running Grid host.</summary>
[CollectionDefinition(Name)]
public sealed class GridHostCollection : ICollectionFixture<GridHostFixture>
{
    public const string Name = "grid-host";
}
