using System.Diagnostics;
using System.Text;

namespace Grid.EndToEnd.Tests.Recipe;

/// <summary>
/// The README's "A cluster on one machine" recipe, run as written by deploy/local/readme-recipe.sh: PostgreSQL, the
/// standalone simulator, three cluster silos, the operator's bootstrap sign-in, the first tenant, the sample connector
/// and a sync, in private namespaces so that its fixed ports collide with nothing.
/// </summary>
public sealed class ReadmeRecipeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task ClusterRecipe_RunsAsWritten_AndSyncsTheSimulatedCompany()
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "local", "readme-recipe.sh");
        var start = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Killing unshare ends its PID namespace and everything the recipe started in it.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"the recipe did not finish within {Limit.TotalMinutes:0} min:\n{Tail(output)}");
        }

        process.WaitForExit();
        var text = Tail(output);
        Assert.True(process.ExitCode == 0, $"readme-recipe.sh exited {process.ExitCode}:\n{text}");
        Assert.Contains("recipe ok", text, StringComparison.Ordinal);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            const int Keep = 20_000;
            return output.Length <= Keep ? output.ToString() : output.ToString(output.Length - Keep, Keep);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "deploy", "local", "readme-recipe.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with deploy/local/readme-recipe.sh) above {AppContext.BaseDirectory}.");
    }
}
