namespace Grid.Cli.Tests.Online;

/// <summary>One in-process gridctl invocation: its exit code and what it wrote.</summary>
public sealed record GridCtlRun(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Runs gridctl with a config directory and credential file of the test's choosing.</summary>
    public static Task<GridCtlRun> RunAsync(string configDirectory, string? credentialsPath, params string[] args) =>
        RunWithInputAsync(configDirectory, credentialsPath, input: null, args);

    /// <summary>Runs gridctl as <see cref="RunAsync"/> does, with <paramref name="input"/> on its standard input.</summary>
    public static async Task<GridCtlRun> RunWithInputAsync(string configDirectory, string? credentialsPath, string? input, params string[] args)
    {
        Environment.SetEnvironmentVariable("GRIDCTL_CONFIG_DIR", configDirectory);
        Environment.SetEnvironmentVariable("GRIDCTL_CREDENTIALS", credentialsPath ?? Path.Combine(configDirectory, "no-credentials.json"));
        Environment.SetEnvironmentVariable("GRIDCTL_CONNECTOR", null);
        using var stdin = input is null ? TextReader.Null : new StringReader(input);
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await GridCtl.RunAsync(args, new StandardStreams(stdin, output, error), timeout.Token);
        return new GridCtlRun(exitCode, output.ToString(), error.ToString());
    }
}
