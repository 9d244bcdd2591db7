using Grid.Host.Tests.Infrastructure;
using Grid.Testing;
using Grid.Host.Tests.Persistence;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Grid.Host.Tests.Clustering;

/// <summary>Orleans.Clustering.AdoNet on our PostgreSQL schema: silos join, leave, crash and are cleaned up.</summary>
[Collection(MembershipCollection.Name)]
public sealed class MembershipTests(MembershipClusterFixture fixture)
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(60);

    private static int _victims;

    [Fact]
    public async Task Join_EverySiloIsActiveInTheMembershipTable()
    {
        var silos = fixture.Cluster.Silos.Select(silo => silo.SiloAddress).ToList();

        var rows = await Eventually.MatchAsync(
            () => MembershipTable.ReadAsync(fixture.ClusterId),
            rows => silos.All(silo => rows.Any(row => row.Is(silo) && row.Status == SiloStatus.Active)),
            JoinTimeout,
            $"silos {string.Join(", ", silos)} to be Active",
            MembershipTable.Describe);

        // Times must be stored as instants: a value written without its zone shows up hours off on this server.
        var now = DateTime.UtcNow;
        Assert.All(rows.Where(row => row.Status == SiloStatus.Active), row =>
        {
            Assert.InRange(row.StartTime, now.AddMinutes(-10), now.AddMinutes(1));
            Assert.InRange(row.IAmAliveTime, now.AddMinutes(-10), now.AddMinutes(1));
            Assert.True(row.ProxyPort > 0, $"{row} has no gateway port");
        });
        var versions = await TestPostgres.QueryAsync(
            "SELECT version FROM orleans_cluster_version WHERE cluster_id = @cluster", row => row.GetInt32(0), ("cluster", fixture.ClusterId));
        Assert.True(Assert.Single(versions) >= silos.Count, "every join must have bumped the table version");
    }

    [Fact]
    public async Task GracefulStop_MarksTheSiloDead()
    {
        var leaving = await fixture.Cluster.StartAdditionalSiloAsync();
        await MembershipTable.WaitForStatusAsync(fixture.ClusterId, leaving.SiloAddress, SiloStatus.Active, JoinTimeout);

        await fixture.Cluster.StopSiloAsync(leaving);

        // A graceful stop records its own death before it returns; nobody had to vote.
        var rows = await MembershipTable.ReadAsync(fixture.ClusterId);
        Assert.Contains(rows, row => row.Is(leaving.SiloAddress) && row.Status == SiloStatus.Dead);
    }

    [Fact]
    public async Task KilledSilo_IsDeclaredDeadByTheOthers()
    {
        var victim = await StartVictimAsync();
        await MembershipTable.WaitForStatusAsync(fixture.ClusterId, victim.SiloAddress, SiloStatus.Active, JoinTimeout);

        // A killed test silo would still mark itself Dead on the way down; a crashed machine cannot. Cut the victim
        // off the database first, so that only the survivors' votes can change its row.
        fixture.Cluster.GetSiloServiceProvider(victim.SiloAddress).GetRequiredService<NpgsqlDataSource>().Dispose();
        await fixture.Cluster.KillSiloAsync(victim);

        var rows = await MembershipTable.WaitForStatusAsync(fixture.ClusterId, victim.SiloAddress, SiloStatus.Dead, DeathTimeout);
        var dead = rows.Single(row => row.Is(victim.SiloAddress));
        var survivors = fixture.Cluster.Silos.Select(silo => silo.SiloAddress).ToList();
        Assert.False(string.IsNullOrEmpty(dead.SuspectTimes), $"{dead} was declared dead without any survivor's vote");
        Assert.Contains(survivors, survivor => dead.SuspectTimes!.Contains(survivor.ToParsableString(), StringComparison.Ordinal));
        Assert.All(survivors, survivor => Assert.Contains(rows, row => row.Is(survivor) && row.Status == SiloStatus.Active));
    }

    [Fact]
    public async Task DefunctSiloCleanup_RemovesDeadRowsOlderThanTheExpirationOnly()
    {
        // Two dead silos that never ran: one silent for two hours (past DefunctSiloExpiration, one hour in these
        // tests), one for a minute. Bumping the version makes the silos see a new table on their next refresh,
        // which is when the oldest of them runs the clean-up.
        var oldPort = Random.Shared.Next(1, 30000);
        var recentPort = oldPort + 30000;
        await TestPostgres.ExecuteAsync(
            """
            WITH fake AS (
              INSERT INTO orleans_silo
                (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
              VALUES (@cluster, '127.0.0.2', @old, 1, 'long-gone', 'nowhere', 6, 0, now() - interval '3 hours', now() - interval '2 hours'),
                     (@cluster, '127.0.0.2', @recent, 1, 'just-gone', 'nowhere', 6, 0, now() - interval '2 minutes', now() - interval '1 minute')
            )
            UPDATE orleans_cluster_version SET version = version + 1 WHERE cluster_id = @cluster
            """,
            ("cluster", fixture.ClusterId), ("old", oldPort), ("recent", recentPort));

        var rows = await Eventually.MatchAsync(
            () => MembershipTable.ReadAsync(fixture.ClusterId),
            rows => !rows.Any(row => row.Port == oldPort && row.Address == "127.0.0.2"),
            TimeSpan.FromSeconds(30),
            "the clean-up to remove the silo dead for two hours",
            MembershipTable.Describe);

        Assert.Contains(rows, row => row.Port == recentPort && row.Address == "127.0.0.2");
    }

    [Fact]
    public async Task ExternalClient_FindsTheGatewaysInTheMembershipTable()
    {
        await using var external = await PostgresClusterClient.ConnectAsync(fixture.Cluster.Options.ServiceId, fixture.ClusterId);

        var key = $"t-{Guid.NewGuid():N}/gateway";
        var written = await external.Client.GetGrain<IProbeGrain>(key).Write("through a gateway", 1);

        Assert.Equal("1", written.ETag);
    }

    /// <summary>
    /// Starts a third silo that, once cut off the database, gives up retrying its own status after five seconds instead
    /// of five minutes: until it gives up it keeps answering probes, so nobody could declare it dead.
    /// </summary>
    private async Task<SiloHandle> StartVictimAsync()
    {
        var overrides = new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [$"{PostgresSiloConfigurator.MembershipOverridesSection}:{nameof(ClusterMembershipOptions.MaxJoinAttemptTime)}"] = "00:00:05",
            },
        };
        var instanceNumber = Interlocked.Increment(ref _victims) + 100;
        return await TestCluster.StartSiloAsync(fixture.Cluster, instanceNumber, fixture.Cluster.Options, [overrides], startSiloOnNewPort: true);
    }
}
