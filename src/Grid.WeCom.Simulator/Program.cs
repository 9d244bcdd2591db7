using Grid.WeCom.Simulator.Hosting;

namespace Grid.WeCom.Simulator;

/// <summary>Runs the simulator standalone: <c>dotnet run --project src/Grid.WeCom.Simulator [--Simulator:Members=1000]</c>.</summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var app = SimulatorProgram.Build(args);
        await app.RunAsync().ConfigureAwait(false);
    }
}
