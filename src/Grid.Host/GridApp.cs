using Grid.Host.Dev;
using Grid.Host.Grpc;
using Grid.Host.Hosting;
using Grid.Host.WeCom;

namespace Grid.Host;

/// <summary>
/// Builds the Grid host: one process kind that is an Orleans silo co-hosting the gRPC services, the SSO pages and the
/// WeCom callback receiver. Tests build it with their own arguments (ports 0, profile, connection string).
/// </summary>
public static class GridApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGridHosting();
        builder.AddGridOrleans();
        builder.AddGridGrpc();
        builder.AddGridDev();
        builder.AddGridWeCom();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseGridForwardedHeaders();
        app.MapGridHealth();
        app.MapGridGrpc();
        return app;
    }
}
