using Grid.Grains.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Sync;

/// <summary>A cluster of its own for the scale measurement, with the production chunk size (1,000 steps).</summary>
public sealed class ScaleClusterFixture : SyncClusterFixture
{
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        base.ConfigureSilo(silo);
        silo.Services.Configure<SyncOptions>(options =>
        {
            options.ChunkSize = 1000;
            options.ProgressInterval = TimeSpan.FromMilliseconds(100);
        });
    }
}
