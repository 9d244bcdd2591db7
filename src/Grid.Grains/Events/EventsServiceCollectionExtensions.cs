using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Events;

/// <summary>
/// Registers the event inbox's services: <see cref="EventInboxOptions"/> bound to <c>Grid:Events</c> and validated at
/// start-up, the per-silo <see cref="EventInboxSweeper"/>, and the in-memory journal unless a journal is registered
/// (the cluster profile registers PostgreSQL's first). The applier (<c>IContactChangeApplier</c>) is registered by
/// the incremental apply.
/// </summary>
public static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddGridEvents(this IServiceCollection services)
    {
        services.AddOptions<EventInboxOptions>().BindConfiguration(EventInboxOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventInboxOptions>, EventInboxOptionsValidator>());
        services.TryAddSingleton<IEventJournal, InMemoryEventJournal>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EventInboxSweeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<EventInboxSweeper>());
        return services;
    }
}
