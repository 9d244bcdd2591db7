using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Grid.Host;
using Grid.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.EndToEnd.Tests.Sync;

/// <summary>
/// Grid.Host built in this process by <see cref="GridApp.Build"/> in the cluster profile: ADO.NET clustering, grain
/// storage and reminders on the test PostgreSQL under a service id of its own, free loopback ports, the WeCom client
/// pointed at a simulator (quotas off).
/// </summary>
public sealed class ClusterGridHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ClusterGridHost(WebApplication app, string serviceId)
    {
        _app = app;
        ServiceId = serviceId;
    }

    public string ServiceId { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public Uri GrpcAddress => _app.Services.GetRequiredService<GridEndpoints>().Grpc;

    public static async Task<ClusterGridHost> StartAsync(Uri wecom, params string[] extraArguments)
    {
        var serviceId = SyncPostgres.NewServiceId("sync");
        var origin = wecom.ToString().TrimEnd('/');
        var ports = FreePorts(2);
        var app = GridApp.Build(
        [
            "--Grid:Profile=cluster",
            $"--ConnectionStrings:Grid={SyncPostgres.ConnectionString}",
            $"--Grid:Silo:ServiceId={serviceId}",
            $"--Grid:Silo:ClusterId={serviceId}",
            $"--Grid:Silo:SiloPort={ports[0]}",
            $"--Grid:Silo:GatewayPort={ports[1]}",
            "--Grid:Endpoints:Http=http://127.0.0.1:0",
            "--Grid:Endpoints:Grpc=http://127.0.0.1:0",
            $"--Grid:Secrets:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--WeCom:ApiBaseUrl={origin}",
            $"--WeCom:OAuthBaseUrl={origin}",
            $"--WeCom:LoginBaseUrl={origin}",
            "--WeCom:Quotas:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            .. extraArguments,
        ]);
        try
        {
            await app.StartAsync();
            await app.Services.GetRequiredService<GridEndpoints>().WhenBound.WaitAsync(TimeSpan.FromSeconds(60));
            return new ClusterGridHost(app, serviceId);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Free loopback ports, all distinct: held open together, then released for the silo to bind.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
