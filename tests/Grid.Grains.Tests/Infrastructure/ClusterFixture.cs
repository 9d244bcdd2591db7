using System.Security.Cryptography;
using Grid.Grains.Directory;
using Grid.Grains.Secrets;
using Grid.Grains.Sessions;
using Grid.Grains.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Grid.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process Orleans test cluster (one silo) per test collection, set up like the dev profile: grain storage
/// "grid" in memory in Orleans' own binary format (behind <see cref="FaultInjectingGrainStorage"/>), in-memory
/// reminders, a generated secrets master key, small log segments (16 entries, 4 kept) so retention is reachable, and
/// <see cref="Time"/> registered as the silo's <see cref="TimeProvider"/>. Use fresh keys per test (see
/// <see cref="TestIds"/>). To add services for other grains, derive and override <see cref="ConfigureSilo"/>; to watch
/// the storage, override <see cref="WrapStorage"/>.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    /// <summary>Where <see cref="Time"/> starts: 2026-03-01 00:00 UTC (08:00 in Asia/Shanghai).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private const string InnerStorage = "grid-memory";

    /// <summary>The silo's clock: only moves when a test advances it.</summary>
    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Storage failure switches of this cluster.</summary>
    public StorageFaults StorageFaults { get; } = new();

    /// <summary>Calls the silo's grains received, by interface and method (e.g. <c>ITenantGrain.Exists</c>).</summary>
    public GrainCallCounts GrainCalls { get; } = new();

    /// <summary>The master key the silo seals secrets with (base64).</summary>
    public string MasterKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>A client of the cluster (an external client, as the gRPC services' in-silo factory behaves alike).</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>The services of the (only) silo, e.g. to read raw grain state through the "grid" storage.</summary>
    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    /// <summary>The "grid" grain storage of the silo.</summary>
    public IGrainStorage Storage => SiloServices.GetRequiredKeyedService<IGrainStorage>("grid");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(InnerStorage);

            // In Orleans' binary format, as the host stores state (its dev store, PostgreSQL): the memory storage's
            // default JSON tracks references by value equality, which breaks on equal records and immutable dictionaries.
            silo.Services.AddOptions<MemoryGrainStorageOptions>(InnerStorage)
                .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            silo.UseInMemoryReminderService();
            silo.UseResolvedGrainFactory();
            silo.AddIncomingGrainCallFilter(context =>
            {
                GrainCalls.Count($"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}");
                return context.Invoke();
            });
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                "grid",
                (services, _) => WrapStorage(new FaultInjectingGrainStorage(
                    services.GetRequiredKeyedService<IGrainStorage>(InnerStorage), StorageFaults)));
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddGridSecrets();
            silo.Services.Configure<SecretsOptions>(options => options.MasterKey = MasterKey);
            silo.Services.AddGridDirectory();
            silo.Services.AddGridSessions();
            silo.Services.Configure<TenantLogOptions>(options =>
            {
                options.SegmentSize = 16;
                options.RetainedSegments = 4;
            });
            ConfigureSilo(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }

    /// <summary>Adds services for more grains (called once per silo).</summary>
    protected virtual void ConfigureSilo(Orleans.Hosting.ISiloBuilder silo)
    {
    }

    /// <summary>Wraps the fault-injecting "grid" storage, e.g. to count writes (called once per silo).</summary>
    protected virtual IGrainStorage WrapStorage(IGrainStorage storage) => storage;
}
