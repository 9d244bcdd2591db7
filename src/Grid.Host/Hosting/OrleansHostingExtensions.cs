using System.Data.Common;
using System.Net;
using Grid.Grains;
using Grid.Host.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Grid.Host.Hosting;

public static class OrleansHostingExtensions
{
    /// <summary>The grain storage provider every persisted grain uses.</summary>
    public const string StorageName = "grid";

    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Statements each connection keeps prepared (the providers' queries and the event journal's fit).</summary>
    internal const int AutoPreparedStatements = 32;

    /// <summary>The server option that plans every execution of a prepared statement (see <see cref="WithConnectionDefaults"/>).</summary>
    internal const string PlanEachExecution = "-c plan_cache_mode=force_custom_plan";

    /// <summary>
    /// Connections per silo when the connection string does not say: two silos stay under PostgreSQL's default
    /// max_connections of 100 (Npgsql's own default of 100 per silo exhausted a server of 200 with 53300 in a 3-silo run).
    /// </summary>
    internal const int DefaultMaxPoolSize = 40;

    /// <summary>Optional overrides of Orleans' failure detection (<see cref="ClusterMembershipOptions"/>).</summary>
    public const string MembershipSection = "Grid:Silo:Membership";

    /// <summary>
    /// Hosts the Orleans silo in this process. dev: localhost clustering, memory storage and reminders.
    /// cluster: ADO.NET clustering and reminders, Grid's group-committing grain storage, on PostgreSQL (schema in
    /// deploy/sql/postgresql).
    /// </summary>
    public static void AddGridOrleans(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GridOptions.SectionName).Get<GridOptions>() ?? new GridOptions();
        var silo = options.Silo;
        builder.UseOrleans(orleans =>
        {
            orleans.UseResolvedGrainFactory();
            orleans.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new MembershipClock());
            if (options.IsCluster)
            {
                orleans.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ServiceId = silo.ServiceId;
                    cluster.ClusterId = silo.ClusterId;
                });
                orleans.UseGridPostgres(builder.Configuration.GetConnectionString("Grid")!);
                orleans.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(MembershipSection));
                if (silo.Kubernetes)
                {
                    // Last, so that the pod's identity (name, IP, service and cluster ids) is the one that counts.
                    orleans.Configure<EndpointOptions>(endpoints =>
                    {
                        endpoints.SiloPort = silo.SiloPort;
                        endpoints.GatewayPort = silo.GatewayPort;

                        // Orleans' own default (the machine's first address) would come before the Kubernetes
                        // hosting's, which only fills an address left empty: the pod's IP, explicitly.
                        if (IPAddress.TryParse(Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodIPEnvironmentVariable), out var podIp))
                        {
                            endpoints.AdvertisedIPAddress = podIp;
                        }
                    });
                    orleans.UseKubernetesHosting();
                }
                else
                {
                    orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
                }
            }
            else
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                // The same serializer as on PostgreSQL: the default JSON one tracks references and mistakes equal
                // records for one object, so state written before a deactivation could not be read back.
                orleans.Services.AddGrainStorage(StorageName, (services, _) =>
                    new ProcessMemoryGrainStorage(new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>())));
                orleans.UseInMemoryReminderService();
            }
        });
    }

    /// <summary>
    /// Clustering, grain storage <see cref="StorageName"/> (<see cref="PostgresGrainStorage"/>) and reminders on
    /// PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. Tests use this too, so they exercise the
    /// production wiring.
    /// </summary>
    public static ISiloBuilder UseGridPostgres(this ISiloBuilder orleans, string connectionString)
    {
        orleans.Services.AddSingleton(_ => NpgsqlDataSource.Create(WithConnectionDefaults(connectionString)));
        orleans.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> ado) =>
            ado.Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;
            }));
        // Orleans' own version-tolerant binary format, keyed by [Alias]/[Id]: renaming or moving a state class does not
        // break reads, unlike a JSON serializer with assembly-qualified type names.
        orleans.Services.AddGrainStorage(StorageName, (services, _) => new PostgresGrainStorage(
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<PostgresGrainStorage>>()));
        orleans.UseAdoNetReminderService((OptionsBuilder<AdoNetReminderTableOptions> ado) =>
            ado.Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;
            }));
        return orleans;
    }

    /// <summary>
    /// The connection string with Grid's defaults for what it does not say. Npgsql's automatic preparation: the storage
    /// sends a handful of statements (grain state read and write, reminders, membership) millions of times, and
    /// unprepared each is parsed and planned again, which was most of PostgreSQL's CPU in a large first sync. A pool of
    /// <see cref="DefaultMaxPoolSize"/> connections.
    /// <para>
    /// Prepared statements are still planned for each execution (<c>plan_cache_mode=force_custom_plan</c>). By default
    /// PostgreSQL switches a prepared statement to a generic plan after five executions and keeps it until the table's
    /// statistics change. A new database's first sync prepares the storage statements while <c>grid_grain_state</c> is
    /// nearly empty, so the generic plan joins the batch to a sequential scan of the table, and autovacuum (a minute
    /// apart at the soonest) analyzes it too late: a 20,000-member first import scanned 105 million rows. Planning each
    /// batch costs a fraction of a millisecond and always sees the table's current size.
    /// </para>
    /// </summary>
    internal static string WithConnectionDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            builder.AutoPrepareMinUsages = 2;
        }

        if (builder.Options?.Contains("plan_cache_mode", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? PlanEachExecution : builder.Options + " " + PlanEachExecution;
        }

        // The builder answers ContainsKey for every keyword it knows: look at what the string itself says.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() is "MAXIMUMPOOLSIZE" or "MAXPOOLSIZE"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }
}
