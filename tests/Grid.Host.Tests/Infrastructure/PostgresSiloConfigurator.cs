using Grid.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>
/// Puts a test silo on the real PostgreSQL providers (ADO.NET clustering and reminders, Grid's grain storage) over the
/// schema in deploy/sql/postgresql, wired exactly as the Host wires them (<see cref="OrleansHostingExtensions.UseGridPostgres"/>),
/// plus failure detection tuned for tests.
/// </summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    /// <summary>Configuration section whose keys override <see cref="ClusterMembershipOptions"/> for one silo.</summary>
    public const string MembershipOverridesSection = "GridTests:Membership";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = TestPostgres.ConnectionString;

        // The production wiring (one data source per silo, owned by that silo's container: a test can dispose it to cut
        // one silo off the database, as a crashed machine would be, before killing it; see MembershipTests).
        siloBuilder.UseGridPostgres(connectionString);

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
}
