using Grid.Host;
using Grid.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Testing;

/// <summary>
/// Grid.Host built in this process by <see cref="GridApp.Build"/> (or by a composition over it, such as the dev
/// launcher's), started, its endpoints bound.
/// </summary>
public sealed class InProcessGridHost : IAsyncDisposable
{
    private static readonly TimeSpan BindTimeout = TimeSpan.FromSeconds(60);

    private InProcessGridHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public Uri GrpcAddress => Endpoints.Grpc;

    public Uri HttpAddress => Endpoints.Http;

    private GridEndpoints Endpoints => App.Services.GetRequiredService<GridEndpoints>();

    public static Task<InProcessGridHost> StartAsync(IEnumerable<string> arguments) =>
        StartAsync(arguments, args => GridApp.Build(args));

    /// <param name="arguments">The command line.</param>
    /// <param name="build">Builds the host from the command line (e.g. the dev launcher's DevApp.Build).</param>
    public static async Task<InProcessGridHost> StartAsync(IEnumerable<string> arguments, Func<string[], WebApplication> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var app = build([.. arguments]);
        try
        {
            await app.StartAsync();
            await app.Services.GetRequiredService<GridEndpoints>().WhenBound.WaitAsync(BindTimeout);
            return new InProcessGridHost(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
