using Grid.Grains.Events;
using Grid.Grains.Sync.Incremental;
using Grid.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Events;

/// <summary>
/// The test cluster with the event inbox: the in-memory journal, a <see cref="ScriptedApplier"/>, at most 3 attempts
/// with retries 10 s then 20 s apart on the fixture's fake clock (advance it to make a retry due).
/// </summary>
public sealed class InboxClusterFixture : ClusterFixture
{
    public ScriptedApplier Applier { get; } = new();

    public IEventJournal Journal => SiloServices.GetRequiredService<IEventJournal>();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IContactChangeApplier>(Applier);
        silo.Services.AddGridEvents();
        silo.Services.Configure<EventInboxOptions>(options =>
        {
            options.MaxAttempts = 3;
            options.RetryBaseDelay = TimeSpan.FromSeconds(10);
            options.RetryMaxDelay = TimeSpan.FromSeconds(20);
        });
    }
}

[CollectionDefinition(Name)]
public sealed class InboxCollection : ICollectionFixture<InboxClusterFixture>
{
    public const string Name = "event inbox cluster";
}
