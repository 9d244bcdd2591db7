using Grid.Grains.Events;
using Grid.Grains.Sync;
using Grid.Grains.Tests.Infrastructure;
using Grid.WeCom;
using Grid.WeCom.Simulator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Grid.Grains.Tests.Sync;

/// <summary>
/// The shared test cluster set up for sync: a WeCom simulator on 127.0.0.1 (each test adds its own company to it),
/// the WeCom client pointed at it (quotas off, short retry delays), the system clock (WeCom retries and progress
/// pacing wait in real time), the event inbox on the in-memory journal with the real applier, plan chunks of 10 steps so that small companies span several chunks, and grain storage
/// that counts writes (<see cref="Writes"/>) and reads (<see cref="Reads"/>) in front of the fault-injecting memory storage.
/// </summary>
public class SyncClusterFixture : ClusterFixture, IAsyncLifetime
{
    public WeComSimulatorHost Simulator { get; private set; } = null!;

    public GrainStateCounts Writes { get; } = new();

    /// <summary>Grain-state reads by state name (an activation reads its state once).</summary>
    public GrainStateCounts Reads { get; } = new();

    public new async Task InitializeAsync()
    {
        Simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Seed = 1, Members = 0, Departments = 1 });
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["WeCom:ApiBaseUrl"] = Simulator.BaseAddress.ToString(),
                ["WeCom:OAuthBaseUrl"] = Simulator.BaseAddress.ToString(),
                ["WeCom:LoginBaseUrl"] = Simulator.BaseAddress.ToString(),
                ["WeCom:Quotas:Enabled"] = "false",
                ["WeCom:Retry:MaxRetryAttempts"] = "2",
                ["WeCom:Retry:BaseDelay"] = "00:00:00.020",
                ["WeCom:Retry:MaxDelay"] = "00:00:00.100",
            })
            .Build();
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddWeComClient(configuration);
        silo.Services.AddGridSync();
        silo.Services.AddGridEvents();
        silo.Services.Configure<SyncOptions>(options =>
        {
            options.ChunkSize = 10;
            options.ProgressInterval = TimeSpan.FromMilliseconds(20);
        });
    }

    protected override IGrainStorage WrapStorage(IGrainStorage storage) => new CountingGrainStorage(storage, Writes, Reads);
}
