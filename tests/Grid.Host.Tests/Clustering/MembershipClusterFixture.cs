using Grid.Host.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Grid.Host.Tests.Clustering;

/// <summary>
/// Two silos over real TCP sockets, joined through the PostgreSQL membership table. Tests that add or remove silos
/// return the cluster to these two.
/// </summary>
public sealed class MembershipClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = PostgresTestCluster.Create(silos: 2, transport: ConnectionTransportType.TcpSocket);

    public string ClusterId => Cluster.Options.ClusterId;

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
