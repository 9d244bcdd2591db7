using System.Net;
using System.Net.Sockets;
using Grid.Host;
using Grid.Host.Grpc;
using Grid.Host.Hosting;
using Grid.WeCom.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Cli.Tests.Online;

/// <summary>
/// The real Grid host (dev profile) in-process on loopback with ports 0, for gridctl's online commands; its dev
/// credential is written to a temporary directory that gridctl is pointed at.
/// </summary>
public sealed class OnlineHostFixture : IAsyncLifetime
{
    private WebApplication? app;

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("gridctl-online-").FullName;

    public string DevCredentialPath => Path.Combine(WorkDirectory, ".grid", "credentials.json");

    public WebApplication App => app ?? throw new InvalidOperationException("The host has not started.");

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public Uri GrpcAddress => App.Services.GetRequiredService<GridEndpoints>().Grpc;

    public DevCredential Credential { get; private set; } = null!;

    /// <summary>A simulated WeCom company for sync commands.</summary>
    public WeComSimulatorHost Simulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Members = 25, Departments = 4 });
        var wecom = Simulator.BaseAddress.ToString().TrimEnd('/');
        app = GridApp.Build(
        [
            $"--WeCom:ApiBaseUrl={wecom}",
            $"--WeCom:OAuthBaseUrl={wecom}",
            $"--WeCom:LoginBaseUrl={wecom}",
            "--Grid:Profile=dev",
            "--Grid:Endpoints:Http=http://127.0.0.1:0",
            "--Grid:Endpoints:Grpc=http://127.0.0.1:0",
            $"--Grid:Silo:SiloPort={FreePort()}",
            $"--Grid:Silo:GatewayPort={FreePort()}",
            $"--Grid:Auth:DevCredential:Path={DevCredentialPath}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        Credential = await App.Services.GetRequiredService<DevCredentialBootstrapper>().WhenWritten.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
