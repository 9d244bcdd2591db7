using Grid.Host.Grpc;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Cli.Tests.Online;

/// <summary>
/// The real Grid host (dev profile) in-process on loopback (see <see cref="DevGridHost"/>), for gridctl's online
/// commands; its dev credential is written to a temporary directory that gridctl is pointed at.
/// </summary>
public sealed class OnlineHostFixture() : DevGridHost("gridctl-online-", new SimulatorOptions { Members = 25, Departments = 4 }), IAsyncLifetime
{
    public DevCredential Credential { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await StartHostAsync();
        Credential = await App.Services.GetRequiredService<DevCredentialBootstrapper>().WhenWritten.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task DisposeAsync() => StopHostAsync();
}
