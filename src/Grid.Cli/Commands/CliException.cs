namespace Grid.Cli.Commands;

/// <summary>A failure gridctl explains in one line and ends with <see cref="ExitCode"/>.</summary>
public sealed class CliException : Exception
{
    public CliException()
        : this(ExitCodes.ServerError, "gridctl failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.ServerError, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.ServerError;
    }

    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
