using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sessions;

/// <summary>
/// Registers what the session grains need: <see cref="SessionOptions"/> bound to <c>Grid:Sessions</c> and validated at
/// start-up, and the system <see cref="TimeProvider"/> unless one is set.
/// </summary>
public static class SessionsServiceCollectionExtensions
{
    public static IServiceCollection AddGridSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
