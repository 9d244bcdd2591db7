using Grid.Abstractions.Directory;
using Grid.Grains.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Directory;

/// <summary>
/// Services of the directory, tenant and connector grains: the password hasher, log options (section
/// <c>Grid:Logs</c>), the tenants the silo knows exist, the silo's <see cref="IAccountFinder"/> and a <see cref="TimeProvider"/> (the system clock unless one is registered already). Call
/// together with <c>AddGridSecrets()</c>.
/// </summary>
public static class DirectoryServiceCollectionExtensions
{
    public static IServiceCollection AddGridDirectory(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PasswordHasherOptions>();
        services.TryAddSingleton<IPasswordHasher<PasswordSubject>, PasswordHasher<PasswordSubject>>();
        services.TryAddSingleton<PasswordDecoy>();
        services.TryAddSingleton<KnownTenants>();
        services.TryAddSingleton<IAccountFinder, AccountFinder>();
        services.AddOptions<TenantLogOptions>().BindConfiguration(TenantLogOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantLogOptions>, TenantLogOptionsValidator>());
        return services;
    }
}
