namespace Grid.Cli.Commands;

/// <summary>
/// Where gridctl keeps its state: <c>$GRIDCTL_CONFIG_DIR</c> or the user's config directory (e.g. ~/.config/gridctl),
/// and where it looks for a dev credential (<c>$GRIDCTL_CREDENTIALS</c>, else <c>.grid/credentials.json</c> in the
/// current directory or a parent).
/// </summary>
public sealed class CliEnvironment
{
    public string ConfigDirectory { get; init; } = Environment.GetEnvironmentVariable("GRIDCTL_CONFIG_DIR") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "gridctl");

    public string? DevCredentialsPath { get; init; } = Environment.GetEnvironmentVariable("GRIDCTL_CREDENTIALS");

    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    public string ConfigPath => Path.Combine(ConfigDirectory, "config.json");
}
