using Grid.WeCom.Simulator.Hosting;

namespace Grid.WeCom.Simulator;

/// <summary>Runs the simulator standalone: <c>dotnet run --project src/Grid.WeCom.Simulator [--Simulator:Members=1000]</c>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => SimulatorProgram.RunAsync(args);
}
