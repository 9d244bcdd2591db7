using Grid.WeCom.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.WeCom.Tests.Api;

/// <summary>A <see cref="WeComClient"/> wired through <c>AddWeComClient</c> against a <see cref="FakeWeComServer"/>.</summary>
internal sealed class WeComClientHarness : IAsyncDisposable
{
    public static readonly WeComApp App = new("ww1436e0e65a779aee", "1000002", "super-secret-corp-secret");

    private readonly ServiceProvider _services;

    private WeComClientHarness(FakeWeComServer server, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Server = server;
        _services = services;
        Logs = logs;
        Client = services.GetRequiredService<WeComClient>();
    }

    public FakeWeComServer Server { get; }

    public WeComClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _services;

    public static async Task<WeComClientHarness> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var server = await FakeWeComServer.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = server.BaseUrl,
            ["WeCom:RequestTimeout"] = "00:00:05",
            ["WeCom:Retry:MaxRetryAttempts"] = "3",
            ["WeCom:Retry:BaseDelay"] = "00:00:00.005",
            ["WeCom:Retry:MaxDelay"] = "00:00:00.020",
            ["WeCom:Quotas:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        configureServices?.Invoke(services);
        services.AddWeComClient(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return new WeComClientHarness(server, services.BuildServiceProvider(validateScopes: true), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
