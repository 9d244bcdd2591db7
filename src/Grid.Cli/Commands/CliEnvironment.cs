namespace Grid.Cli.Commands;

/// <summary>
/// Where gridctl keeps its state: <c>$GRIDCTL_CONFIG_DIR</c> or the user's config directory (e.g. ~/.config/gridctl),
/// and where it looks for a dev credential (<c>$GRIDCTL_CREDENTIALS</c>, else <c>.grid/credentials.json</c> in the
/// current directory or a parent, else the dev host's default, <c>grid/dev-credentials.json</c> in the user's config
/// directory). <c>$GRIDCTL_SERVER</c> is the server (or comma-separated servers) when <c>--server</c> is not given.
/// The config directory is taken whether it exists yet or not (DoNotVerify): verified, a missing ~/.config reads as
/// "", and the state with its secret landed in ./gridctl of whatever directory gridctl ran in.
/// </summary>
public sealed class CliEnvironment
{
    public string ConfigDirectory { get; init; } = Environment.GetEnvironmentVariable("GRIDCTL_CONFIG_DIR") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "gridctl");

    public string? Server { get; init; } = Environment.GetEnvironmentVariable("GRIDCTL_SERVER") is { Length: > 0 } server ? server : null;

    public string? DevCredentialsPath { get; init; } = Environment.GetEnvironmentVariable("GRIDCTL_CREDENTIALS");

    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Where a dev host writes its credential by default (Grid:Auth:DevCredential:Path).</summary>
    public string UserDevCredentialsPath { get; init; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "grid", "dev-credentials.json");

    public string ConfigPath => Path.Combine(ConfigDirectory, "config.json");
}
