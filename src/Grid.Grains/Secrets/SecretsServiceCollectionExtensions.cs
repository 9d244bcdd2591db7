using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Secrets;

/// <summary>Registers <see cref="ISecretSealer"/> with its options bound to <c>Grid:Secrets</c> and validated at start.</summary>
public static class SecretsServiceCollectionExtensions
{
    public static IServiceCollection AddGridSecrets(this IServiceCollection services)
    {
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>());
        services.TryAddSingleton<ISecretSealer, AesGcmSecretSealer>();
        return services;
    }
}
