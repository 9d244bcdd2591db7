using Grid.Host.Hosting;
using Grid.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Grid.EndToEnd.Tests.Sync;

/// <summary>
/// An external Orleans client that finds the cluster's gateways in the PostgreSQL membership table and refreshes that
/// list every second, so that it moves to a surviving silo quickly after a crash.
/// </summary>
public sealed class SyncClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private SyncClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<SyncClusterClient> ConnectAsync(string serviceId)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = serviceId;
                cluster.ClusterId = serviceId;
            });
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.UseAdoNetClustering(ado =>
            {
                ado.Invariant = OrleansHostingExtensions.Invariant;
                ado.ConnectionString = TestPostgresServer.ConnectionString;
            });
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return new SyncClusterClient(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
