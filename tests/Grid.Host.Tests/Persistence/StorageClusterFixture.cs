using Grid.Host.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Grid.Host.Tests.Persistence;

/// <summary>One silo on PostgreSQL, shared by the storage and reminder tests; each test uses fresh grain keys.</summary>
public sealed class StorageClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = PostgresTestCluster.Create(silos: 1);

    public string ServiceId => Cluster.Options.ServiceId;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }
}
