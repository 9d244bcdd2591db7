using System.Reflection;
using Grid.Cli.Commands;
using Grid.Cli.Infrastructure;
using Grid.Cli.WeCom;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli;

/// <summary>
/// Builds and runs gridctl. Commands are grouped in branches (<c>gridctl wecom decrypt</c>); add a command by
/// registering its services in <see cref="ConfigureServices"/> and its verb in <see cref="Configure"/>.
/// </summary>
public static class GridCtl
{
    /// <summary>Runs gridctl with <paramref name="args"/> and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, StandardStreams streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);

        var services = new ServiceCollection();
        ConfigureServices(services, streams);
        var app = new CommandApp(new TypeRegistrar(services));
        var catalog = new CommandCatalog();
        app.Configure(config =>
        {
            config.SetApplicationName("gridctl");
            config.ConfigureConsole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(streams.Out) }));
            // Exceptions come to us so that usage errors and failures get distinct exit codes and one-line messages.
            config.PropagateExceptions();
            // Unknown options and extra arguments are errors: ignored, a mistyped --dry-run would start a real sync.
            config.UseStrictParsing();
            config.SetInterceptor(new NoRemainingArguments());
            // gridctl's own version, not the entry assembly's (UseAssemblyInformationalVersion), which in-process is a host's.
            config.SetApplicationVersion(Version);
            config.SetHelpProvider(new GridHelpProvider(config.Settings));
            Configure(config, catalog);
        });

        var joined = JoinStandardStreamValues(args);
        try
        {
            return await app.RunAsync(joined, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandAppException exception)
        {
            var node = catalog.Find(joined);
            var message = exception is CommandParseException ? UsageErrors.Explain(OneLine(exception.Message), joined, node) : OneLine(exception.Message);
            await streams.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
            await streams.Error.WriteLineAsync($"Run '{node.Path} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (CliException exception)
        {
            await streams.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return exception.ExitCode;
        }
    }

    /// <summary>gridctl's informational version (e.g. <c>1.0.0+commit</c>), printed by <c>gridctl --version</c>.</summary>
    public static string Version { get; } =
        typeof(GridCtl).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static void ConfigureServices(IServiceCollection services, StandardStreams streams)
    {
        services.AddSingleton(streams);
        OnlineCommands.ConfigureServices(services);
    }

    internal static void Configure(IConfigurator config, CommandCatalog catalog)
    {
        OnlineCommands.Configure(config, catalog);
        catalog.AddBranch(config, "wecom", wecom =>
        {
            wecom.SetDescription("WeCom connectors (online) and offline WeCom tools.");
            OnlineCommands.AddWeComCommands(wecom);
            wecom.AddCommand<WeComDecryptCommand>("decrypt")
                .WithDescription(
                    "Verify and decrypt a WeCom callback (URL check or POST body) and print the plaintext; "
                    + "exit 3 when the signature, key, padding, receive id or envelope is invalid.")
                .WithExample("wecom", "decrypt", "--token", "T", "--aes-key", "K", "--receive-id", "ww123", "--timestamp", "1409659589",
                    "--nonce", "263014780", "--signature", "5c45ff5e…", "--echostr", "P9nAzCzy…")
                .WithExample("wecom", "decrypt", "--token", "T", "--aes-key", "K", "--receive-id", "ww123", "--timestamp", "1409659813",
                    "--nonce", "1372623149", "--signature", "477715d1…", "--body", "callback.xml");
        });
    }

    /// <summary>
    /// Spectre.Console.Cli reads a lone "-" as a nameless option; joining it to the option before it
    /// ("--body -" → "--body=-") keeps the Unix convention that "-" means standard input.
    /// </summary>
    private static string[] JoinStandardStreamValues(string[] args)
    {
        var joined = new List<string>(args.Length);
        foreach (var arg in args)
        {
            if (arg == "-" && joined.Count > 0 && joined[^1] is ['-', '-', _, ..] option && !option.Contains('=', StringComparison.Ordinal))
            {
                joined[^1] = option + "=-";
            }
            else
            {
                joined.Add(arg);
            }
        }

        return [.. joined];
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
