using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
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

    /// <summary>Optional overrides of Orleans' failure detection (<see cref="ClusterMembershipOptions"/>).</summary>
    public const string MembershipSection = "Grid:Silo:Membership";

    /// <summary>
    /// Hosts the Orleans silo in this process. dev: localhost clustering, memory storage and reminders.
    /// cluster: ADO.NET clustering, storage and reminders on PostgreSQL (schema in deploy/sql/postgresql).
    /// </summary>
    public static void AddGridOrleans(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GridOptions.SectionName).Get<GridOptions>() ?? new GridOptions();
        var silo = options.Silo;
        builder.UseOrleans(orleans =>
        {
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
    /// Clustering, grain storage <see cref="StorageName"/> and reminders on PostgreSQL through one pooled
    /// <see cref="NpgsqlDataSource"/>. Tests use this too, so they exercise the production wiring.
    /// </summary>
    public static ISiloBuilder UseGridPostgres(this ISiloBuilder orleans, string connectionString)
    {
        orleans.Services.AddSingleton(_ => NpgsqlDataSource.Create(WithAutoPrepare(connectionString)));
        orleans.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> ado) =>
            ado.Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;
            }));
        orleans.AddAdoNetGrainStorage(StorageName, (OptionsBuilder<AdoNetGrainStorageOptions> ado) =>
            ado.Configure<NpgsqlDataSource, Serializer>((o, dataSource, serializer) =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;

                // Orleans' own version-tolerant binary format, keyed by [Alias]/[Id]: renaming or moving a state
                // class does not break reads, unlike the default JSON with assembly-qualified type names.
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        orleans.UseAdoNetReminderService((OptionsBuilder<AdoNetReminderTableOptions> ado) =>
            ado.Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;
            }));
        return orleans;
    }

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on unless it says otherwise: the storage providers send
    /// a handful of statements (grain state read and write, reminders, membership) millions of times, and unprepared
    /// each is parsed and planned again, which was most of PostgreSQL's CPU in a large first sync.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
