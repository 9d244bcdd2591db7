using Grid.Grains.Events;
using Grid.Grains.Tests.Sync;
using Grid.WeCom;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Faults;

/// <summary>
/// The sync cluster with a 1 s per-attempt WeCom timeout, so that an injected timeout (a delay past it) is retried in
/// about a second rather than the default ten, and an event inbox that parks an event after
/// <see cref="MaxEventAttempts"/> attempts 1 s, then 2 s apart.
/// </summary>
public sealed class FaultMatrixClusterFixture : SyncClusterFixture
{
    public const int MaxEventAttempts = 3;

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        base.ConfigureSilo(silo);
        silo.Services.Configure<WeComOptions>(options => options.RequestTimeout = TimeSpan.FromSeconds(1));
        silo.Services.Configure<EventInboxOptions>(options =>
        {
            options.MaxAttempts = MaxEventAttempts;
            options.RetryBaseDelay = TimeSpan.FromSeconds(1);
            options.RetryMaxDelay = TimeSpan.FromSeconds(2);
        });
    }
}

/// <summary>The fault-matrix tests share one <see cref="FaultMatrixClusterFixture"/>: faults are per simulator path.</summary>
[CollectionDefinition(Name)]
public sealed class FaultMatrixCollection : ICollectionFixture<FaultMatrixClusterFixture>
{
    public const string Name = "fault matrix cluster";
}
