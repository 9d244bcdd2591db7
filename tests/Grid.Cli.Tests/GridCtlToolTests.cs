using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace Grid.Cli.Tests;

/// <summary>gridctl is a .NET tool: <c>dotnet pack</c> makes a package that <c>dotnet tool install</c> puts on PATH as gridctl.</summary>
public sealed class GridCtlToolTests : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);

    private readonly string output = Directory.CreateTempSubdirectory("gridctl-pack-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public async Task Pack_MakesAToolPackage_WhoseCommandIsGridctl()
    {
        // Packs the build the tests run against (--no-build): the same configuration, no second compilation.
        var configuration = typeof(GridCtlToolTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var project = Path.Combine(RepositoryRoot(), "src", "Grid.Cli", "Grid.Cli.csproj");

        var (exitCode, log) = await RunAsync("pack", project, "-c", configuration, "--no-build", "-o", output);

        Assert.True(exitCode == 0, log);
        var package = Assert.Single(Directory.GetFiles(output, "gridctl.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var settings = zip.Entries.SingleOrDefault(entry => entry.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.NotNull(settings);
        using var stream = settings.Open();
        var command = XDocument.Load(stream).Descendants("Command").Single();
        Assert.Equal("gridctl", command.Attribute("Name")?.Value);
        Assert.Equal("gridctl.dll", command.Attribute("EntryPoint")?.Value);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Grid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Grid.sln above {AppContext.BaseDirectory}");
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PackTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet pack did not finish within {PackTimeout}");
        }

        return (process.ExitCode, await standardOutput + await standardError);
    }
}
