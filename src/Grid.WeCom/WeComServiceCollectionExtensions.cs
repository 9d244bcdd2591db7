using Grid.WeCom.Api;
using Grid.WeCom.Login;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.WeCom;

/// <summary>Registers the WeCom adapter.</summary>
public static class WeComServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="WeComClient"/> (typed HttpClient), <see cref="WeComLoginUrls"/>, the in-memory
    /// <see cref="IWeComAccessTokenStore"/> (register another one first to share tokens) and
    /// <see cref="WeComOptions"/> bound from the <c>WeCom</c> section and validated at start-up.
    /// </summary>
    public static IServiceCollection AddWeComClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<WeComOptions>().Bind(configuration.GetSection(WeComOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeComOptions>, WeComOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWeComAccessTokenStore, InMemoryWeComAccessTokenStore>();
        services.TryAddSingleton<WeComAccessTokenCache>();
        services.TryAddSingleton<WeComCallPipeline>();
        services.TryAddSingleton<WeComLoginUrls>();

        services.AddHttpClient(nameof(WeComClient), (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<WeComOptions>>().Value;
                http.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/");
                // Each attempt has its own timeout in the resilience pipeline; this one would cut across retries.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The default HttpClient logs print request URLs, whose queries carry the secret and the access token.
            .RemoveAllLoggers()
            .AddTypedClient((http, provider) => new WeComClient(
                http,
                provider.GetRequiredService<WeComAccessTokenCache>(),
                provider.GetRequiredService<WeComCallPipeline>(),
                provider.GetRequiredService<ILogger<WeComClient>>()));

        return services;
    }
}
