using Grid.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Grid.Testing;

/// <summary>
/// An external Orleans client, in its own host, that finds the cluster's gateways in the PostgreSQL membership table
/// (only silos that are Active there).
/// </summary>
public sealed class PostgresClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private PostgresClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <param name="serviceId">The cluster's service id.</param>
    /// <param name="clusterId">The cluster's id.</param>
    /// <param name="gatewayListRefresh">
    /// How often to read the gateway list again (Orleans' default when null); short, a client moves to a surviving silo
    /// soon after a crash.
    /// </param>
    public static async Task<PostgresClusterClient> ConnectAsync(string serviceId, string clusterId, TimeSpan? gatewayListRefresh = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = serviceId;
                cluster.ClusterId = clusterId;
            });
            if (gatewayListRefresh is { } refresh)
            {
                client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = refresh);
            }

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
            return new PostgresClusterClient(host);
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
