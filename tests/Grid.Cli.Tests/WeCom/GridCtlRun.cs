namespace Grid.Cli.Tests.WeCom;

/// <summary>The outcome of one gridctl run.</summary>
internal sealed record GridCtlRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs gridctl in-process with captured streams.</summary>
    public static async Task<GridCtlRun> InProcessAsync(string[] args, string stdin = "")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await GridCtl.RunAsync(args, new StandardStreams(new StringReader(stdin), output, error));
        return new GridCtlRun(exitCode, output.ToString(), error.ToString());
    }
}
