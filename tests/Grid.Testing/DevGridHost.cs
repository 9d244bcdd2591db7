using Grid.Host;
using Grid.WeCom.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Grid.Testing;

/// <summary>
/// The real Grid.Host (dev profile) in-process on loopback, its WeCom client pointed at a simulated company and its
/// dev credential written to a temporary work directory. The base of test fixtures, which start and stop it from their
/// own lifetime hooks.
/// </summary>
public abstract class DevGridHost
{
    private readonly SimulatorOptions _simulatorOptions;
    private InProcessGridHost? _host;

    /// <param name="workDirectoryPrefix">Names the temporary work directory (deleted when the host stops).</param>
    /// <param name="simulatorOptions">The simulated WeCom company.</param>
    protected DevGridHost(string workDirectoryPrefix, SimulatorOptions simulatorOptions)
    {
        WorkDirectory = Directory.CreateTempSubdirectory(workDirectoryPrefix).FullName;
        _simulatorOptions = simulatorOptions;
    }

    public string WorkDirectory { get; }

    public string DevCredentialPath => Path.Combine(WorkDirectory, ".grid", "credentials.json");

    public WebApplication App => Host.App;

    public IGrainFactory Grains => Host.Grains;

    public Uri GrpcAddress => Host.GrpcAddress;

    public Uri HttpAddress => Host.HttpAddress;

    /// <summary>The simulated WeCom (one company) that the host's WeCom client talks to.</summary>
    public WeComSimulatorHost Simulator { get; private set; } = null!;

    private InProcessGridHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    protected async Task StartHostAsync()
    {
        Simulator = await WeComSimulatorHost.StartAsync(_simulatorOptions);
        _host = await InProcessGridHost.StartAsync(
            [.. GridHostArguments.WeCom(Simulator.BaseAddress), .. GridHostArguments.Dev(DevCredentialPath)],
            args => GridApp.Build(args, ConfigureHost));
    }

    /// <summary>A fixture's additions to the host's services before it is built (e.g. a test clock); none by default.</summary>
    protected virtual void ConfigureHost(WebApplicationBuilder builder)
    {
    }

    protected async Task StopHostAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }
}
