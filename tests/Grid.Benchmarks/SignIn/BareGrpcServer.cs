using Grpc.HealthCheck;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.Benchmarks.SignIn;

/// <summary>
/// The baseline: a gRPC server on 127.0.0.1 in this process whose one service (grpc.health.v1, Grpc.HealthCheck's
/// in-memory implementation) does nothing but answer, with no authentication, interceptors or Orleans behind it.
/// </summary>
internal sealed class BareGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareGrpcServer(WebApplication app, Uri address)
    {
        _app = app;
        Channel = GrpcChannel.ForAddress(address);
    }

    public GrpcChannel Channel { get; }

    public static async Task<BareGrpcServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<HealthServiceImpl>();
        var app = builder.Build();
        app.MapGrpcService<HealthServiceImpl>();
        app.Services.GetRequiredService<HealthServiceImpl>().SetStatus("", Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareGrpcServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
