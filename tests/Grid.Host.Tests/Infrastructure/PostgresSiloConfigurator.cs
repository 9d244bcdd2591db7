using Grid.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>
/// Puts a test silo on the real ADO.NET providers (clustering, grain storage, reminders) over the PostgreSQL schema in
/// deploy/sql/postgresql, wired exactly as the Host wires them (<see cref="OrleansHostingExtensions.UseGridPostgres"/>),
/// plus a second storage provider and failure detection tuned for tests.
/// </summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    /// <summary>A second provider over the same table with DeleteStateOnClear, which uses DeleteStorageKey.</summary>
    public const string DeletingStorageName = "grid-deleting";

    /// <summary>Configuration section whose keys override <see cref="ClusterMembershipOptions"/> for one silo.</summary>
    public const string MembershipOverridesSection = "GridTests:Membership";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = TestPostgres.ConnectionString;

        // The production wiring (one data source per silo, owned by that silo's container: a test can dispose it to cut
        // one silo off the database, as a crashed machine would be, before killing it; see MembershipTests).
        siloBuilder.UseGridPostgres(connectionString);
        AddStorage(siloBuilder, DeletingStorageName, deleteStateOnClear: true);

        // Tests only: production keeps Orleans' one-minute floor.
        siloBuilder.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

        // Declare a dead silo dead in seconds rather than the production half-minute, without being so eager that a
        // busy two-core machine gets a healthy silo voted out (indirect probes and degradation-extended timeouts stay on).
        siloBuilder.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(2);
            membership.NumMissedProbesLimit = 3;
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            membership.DefunctSiloCleanupPeriod = TimeSpan.FromSeconds(1);
            membership.DefunctSiloExpiration = TimeSpan.FromHours(1);
        });

        // Per-silo overrides from the silo's own configuration (see MembershipTests.StartVictimAsync).
        siloBuilder.Services.Configure<ClusterMembershipOptions>(siloBuilder.Configuration.GetSection(MembershipOverridesSection));
    }

    private static void AddStorage(ISiloBuilder siloBuilder, string name, bool deleteStateOnClear) =>
        siloBuilder.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<NpgsqlDataSource, Serializer>((ado, dataSource, serializer) =>
            {
                ado.Invariant = OrleansHostingExtensions.Invariant;
                ado.DataSource = dataSource;
                ado.DeleteStateOnClear = deleteStateOnClear;
                ado.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
}
