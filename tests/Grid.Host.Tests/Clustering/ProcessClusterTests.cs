using System.Collections.Immutable;
using Grid.Abstractions.Auth;
using Grid.Host.Tests.Infrastructure;
using Grid.Testing;

namespace Grid.Host.Tests.Clustering;

/// <summary>
/// The acceptance check of the cluster profile: three Grid.Host processes on one PostgreSQL form a cluster, and when
/// the process holding a persisted grain is killed outright, the others declare it dead and the grain comes back on a
/// survivor with its state intact.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class ProcessClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(120);

    private readonly string _serviceId = PostgresTestCluster.NewId("service");
    private readonly string _clusterId = PostgresTestCluster.NewId("cluster");
    private readonly List<GridHostProcess> _hosts = [];

    public Task InitializeAsync()
    {
        _ = TestPostgres.ConnectionString;
        var ports = GridHostProcess.FreePorts(6);
        for (var i = 0; i < 3; i++)
        {
            _hosts.Add(GridHostProcess.Start(_serviceId, _clusterId, siloPort: ports[2 * i], gatewayPort: ports[(2 * i) + 1]));
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task KilledHostProcess_IsDeclaredDeadAndItsPersistedGrainComesBackOnASurvivor()
    {
        await Eventually.MatchAsync(
            () => MembershipTable.ReadAsync(_clusterId),
            rows => _hosts.All(host => rows.Any(row => row.Port == host.SiloPort && row.Status == SiloStatus.Active)) || _hosts.Any(host => host.HasExited),
            JoinTimeout,
            "three Grid.Host processes to be Active in the membership table",
            rows => MembershipTable.Describe(rows) + Environment.NewLine + Outputs());
        Assert.False(_hosts.Any(host => host.HasExited), "a Grid.Host process exited while the cluster formed:" + Environment.NewLine + Outputs());

        var clientId = ServiceClientIds.New("acceptance");
        var registration = new ServiceClientRegistration("acceptance", "process cluster test", ImmutableArray.Create(GridScopes.DirectoryRead), "ProcessClusterTests");
        string secret;
        ServiceClientInfo? before;
        GridHostProcess victim;
        await using (var client = await PostgresClusterClient.ConnectAsync(_serviceId, _clusterId))
        {
            var grain = client.Client.GetGrain<IServiceClientGrain>(clientId);
            secret = await grain.Create(registration);
            before = await grain.Get();
            var silo = await client.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
            Assert.NotNull(silo);
            victim = _hosts.Single(host => host.SiloPort == silo.Endpoint.Port);
        }

        victim.Kill();

        var rows = await Eventually.MatchAsync(
            () => MembershipTable.ReadAsync(_clusterId),
            rows => rows.Any(row => row.Port == victim.SiloPort && row.Status == SiloStatus.Dead),
            DeathTimeout,
            $"the survivors to declare the killed {victim} Dead",
            rows => MembershipTable.Describe(rows) + Environment.NewLine + Outputs());
        var survivors = _hosts.Where(host => host != victim).ToList();
        Assert.All(survivors, survivor => Assert.Contains(rows, row => row.Port == survivor.SiloPort && row.Status == SiloStatus.Active));

        // A new client only learns the Active silos' gateways from the table, so it talks to a survivor.
        await using (var client = await PostgresClusterClient.ConnectAsync(_serviceId, _clusterId))
        {
            var grain = client.Client.GetGrain<IServiceClientGrain>(clientId);
            var after = await grain.Get();
            var identity = await grain.Authenticate(secret);
            var silo = await client.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);

            Assert.NotNull(before);
            Assert.NotNull(after);
            Assert.Equal(
                (before.ClientId, before.TenantId, before.DisplayName, before.CreatedAt, before.CreatedBy, before.RevokedAt),
                (after.ClientId, after.TenantId, after.DisplayName, after.CreatedAt, after.CreatedBy, after.RevokedAt));
            Assert.Equal(before.Scopes.ToArray(), after.Scopes.ToArray());
            Assert.Equal(clientId, identity?.ClientId);
            Assert.NotNull(silo);
            Assert.Contains(survivors, survivor => survivor.SiloPort == silo.Endpoint.Port);
        }
    }

    private string Outputs() =>
        string.Join(Environment.NewLine, _hosts.Select(host => $"--- {host}{(host.HasExited ? " (exited)" : "")}:{Environment.NewLine}{host.RecentOutput}"));
}
