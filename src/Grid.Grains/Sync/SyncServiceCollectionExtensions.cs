using Grid.Grains.Sync.Incremental;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sync;

/// <summary>
/// Registers what the sync grains need besides the WeCom client (<c>AddWeComClient</c>): <see cref="SyncOptions"/>
/// bound to <c>Grid:Sync</c> and validated at start-up, the system <see cref="TimeProvider"/> unless one is set, and the
/// <see cref="IContactChangeApplier"/> that applies WeCom's change callbacks.
/// </summary>
public static class SyncServiceCollectionExtensions
{
    public static IServiceCollection AddGridSync(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ContactChangeApplier>();
        services.TryAddSingleton<IContactChangeApplier>(provider => provider.GetRequiredService<ContactChangeApplier>());
        return services;
    }
}
