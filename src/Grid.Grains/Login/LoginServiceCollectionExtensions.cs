using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Login;

/// <summary>Registers what the login grains need: <see cref="LoginOptions"/> (validated at start-up) and a clock.</summary>
public static class LoginServiceCollectionExtensions
{
    public static IServiceCollection AddGridLogin(this IServiceCollection services)
    {
        services.AddOptions<LoginOptions>().BindConfiguration(LoginOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoginOptions>, LoginOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
