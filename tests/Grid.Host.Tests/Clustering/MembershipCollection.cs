namespace Grid.Host.Tests.Clustering;

/// <summary>Runs alone: failure detection has timing that another busy cluster on two cores would disturb.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MembershipCollection : ICollectionFixture<MembershipClusterFixture>
{
    public const string Name = "PostgreSQL membership";
}
