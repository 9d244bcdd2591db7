using Grid.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>
/// An external Orleans client, in its own host, that finds the cluster's gateways in the PostgreSQL membership table
/// (GatewaysQueryKey): only silos that are Active there.
/// </summary>
public sealed class PostgresClusterClient : IAsyncDisposable
{
    private readonly IHost host;

    private PostgresClusterClient(IHost host) => this.host = host;

    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<PostgresClusterClient> ConnectAsync(string serviceId, string clusterId)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = serviceId;
                cluster.ClusterId = clusterId;
            });
            client.UseAdoNetClustering(ado =>
            {
                ado.Invariant = OrleansHostingExtensions.Invariant;
                ado.ConnectionString = TestPostgres.ConnectionString;
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
            await host.StopAsync();
        }
        finally
        {
            host.Dispose();
        }
    }
}
