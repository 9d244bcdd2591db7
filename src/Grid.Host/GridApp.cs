using Grid.Host.Callbacks;
using Grid.Host.Grpc;
using Grid.Host.Hosting;
using Grid.Host.Login;
using Grid.Host.Oidc;
using Grid.Host.SignIn;
using Grid.Host.WeCom;
using Microsoft.Extensions.Options;

namespace Grid.Host;

/// <summary>
/// Builds the Grid host: one process kind that is an Orleans silo co-hosting the gRPC services, the SSO pages and the
/// WeCom callback receiver. Tests build it with their own arguments (ports 0, profile, connection string); the dev
/// launcher (src/Grid.Dev) adds its demo through the <c>configure</c> callback of <see cref="Build"/>.
/// </summary>
public static class GridApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGridHosting();
        builder.AddGridOrleans();
        builder.AddGridTelemetry();
        builder.AddGridGrpc();
        builder.AddGridSignIn();
        builder.AddGridWeCom();
        builder.AddGridLogin();
        builder.AddGridCallbacks();
        builder.AddGridOidc();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseGridForwardedHeaders();
        app.MapGridHealth();
        app.MapGridTelemetry();
        app.MapGridGrpc();
        app.MapGridLogin();
        app.MapGridPersonalEmail();
        app.MapGridCallbacks();
        app.MapGridOidc();
        return app;
    }

    /// <summary>Builds and runs a host until it stops; the process's exit code (2: invalid configuration).</summary>
    public static async Task<int> RunAsync(Func<WebApplication> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            var app = build();
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            // Configuration mistakes are the operator's to fix: say what to change, without a stack trace.
            await Console.Error.WriteLineAsync("Grid cannot start: invalid configuration.");
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"  - {failure}");
            }

            return 2;
        }
    }
}
