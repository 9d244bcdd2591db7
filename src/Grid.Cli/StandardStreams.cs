namespace Grid.Cli;

/// <summary>The process's standard streams, injectable so commands can be run in-process by tests.</summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output: results only.</param>
/// <param name="Error">Standard error: one-line diagnostics.</param>
public sealed record StandardStreams(TextReader In, TextWriter Out, TextWriter Error)
{
    public static StandardStreams FromConsole() => new(Console.In, Console.Out, Console.Error);
}
