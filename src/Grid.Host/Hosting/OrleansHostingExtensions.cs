using System.Net;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Grid.Host.Hosting;

public static class OrleansHostingExtensions
{
    /// <summary>The grain storage provider every persisted grain uses.</summary>
    public const string StorageName = "grid";

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
            if (options.IsCluster)
            {
                var connectionString = builder.Configuration.GetConnectionString("Grid")!;
                orleans.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ServiceId = silo.ServiceId;
                    cluster.ClusterId = silo.ClusterId;
                });
                orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
                orleans.UseAdoNetClustering(ado =>
                {
                    ado.Invariant = "Npgsql";
                    ado.ConnectionString = connectionString;
                });
                orleans.AddAdoNetGrainStorage(StorageName, ado =>
                {
                    ado.Invariant = "Npgsql";
                    ado.ConnectionString = connectionString;
                });
                orleans.UseAdoNetReminderService(ado =>
                {
                    ado.Invariant = "Npgsql";
                    ado.ConnectionString = connectionString;
                });

                // Orleans' own version-tolerant binary format, keyed by [Alias]/[Id]: renaming or moving a state
                // class does not break reads, unlike the default JSON with assembly-qualified type names.
                orleans.Services.AddOptions<AdoNetGrainStorageOptions>(StorageName)
                    .Configure<Serializer>((ado, serializer) => ado.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            }
            else
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.AddMemoryGrainStorage(StorageName);
                orleans.UseInMemoryReminderService();
            }
        });
    }
}
