using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Tenants;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Model;

namespace Grid.EndToEnd.Tests.Cluster;

/// <summary>The three-silo tests run alone: three silo processes and PostgreSQL take both cores, and their timings are printed.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "three Grid.Host processes";
}

/// <summary>
/// What the three-silo tests share: a <see cref="ProcessCluster"/> of three Grid.Host processes on the test PostgreSQL
/// with WeCom pointed at a simulator (quotas off), failure detection fast enough for a test (one vote declares a silo
/// dead after two missed probes of two seconds), the event sweep every second, and a tenant with a connector for a
/// simulated company whose callbacks are signed and encrypted as <see cref="CallbackPoster"/> does.
/// </summary>
public static class ThreeSiloCluster
{
    public const int Silos = 3;
    public const string ConnectorId = "corp";

    /// <summary>The bound of every wait on the silos: start, join, leave, death.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static Task<ProcessCluster> StartAsync(string name, Uri wecom, params string[] settings) =>
        ProcessCluster.StartAsync(TestPostgresServer.NewServiceId(name), Silos, Timeout,
        [
            .. GridHostArguments.WeCom(wecom),
            "--WeCom:Quotas:Enabled=false",
            "--Grid:Silo:Membership:NumVotesForDeathDeclaration=1",
            "--Grid:Silo:Membership:NumMissedProbesLimit=2",
            "--Grid:Silo:Membership:ProbeTimeout=00:00:02",
            "--Grid:Events:SweepInterval=00:00:01",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);

    /// <summary>
    /// A new tenant with connector <see cref="ConnectorId"/> for <paramref name="company"/>; its id. Every such tenant has
    /// the same display name, which is its root organization's name: two tenants' directories compare equal.
    /// </summary>
    public static async Task<string> CreateTenantAsync(IGrainFactory grains, SimulatedCompany company, string prefix, SyncSchedule? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var tenantId = prefix + "-" + Guid.NewGuid().ToString("N")[..10];
        await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Grid cluster test", "Asia/Shanghai");
        var settings = SimulatedConnector.Settings(company, "Simulated corp") with
        {
            CallbackToken = ConnectorSamples.CallbackToken,
            EncodingAesKey = ConnectorSamples.EncodingAesKey,
            Schedule = schedule ?? new SyncSchedule(false, "03:00"),
        };
        await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, ConnectorId)).Configure(settings, "e2e");
        return tenantId;
    }
}
