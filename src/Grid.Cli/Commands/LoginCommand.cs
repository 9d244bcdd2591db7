using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl login</c>: checks a service credential against the server and stores it with its token.</summary>
public sealed class LoginCommand(StandardStreams streams, GridSession session) : OnlineCommand<LoginCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandOption("--client-id <ID>")]
        [Description("The service client id (default: the dev credential's).")]
        public string? ClientId { get; set; }

        [CommandOption("--client-secret <SECRET>")]
        [Description("The service client secret (default: the dev credential's). Prefer --client-secret-stdin: "
            + "a secret on the command line ends up in shell history and process lists.")]
        public string? ClientSecret { get; set; }

        [CommandOption("--client-secret-stdin")]
        [Description("Read the service client secret from the first line of standard input.")]
        public bool ClientSecretStdin { get; set; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful && ClientSecretStdin && ClientSecret is not null
                ? ValidationResult.Error("--client-secret and --client-secret-stdin cannot be used together: give the secret one way")
                : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var secret = settings.ClientSecretStdin ? await ReadSecretAsync(cancellationToken) : settings.ClientSecret;
        var (config, token) = await Session.LoginAsync(settings.Server, settings.ClientId, secret, cancellationToken);
        if (settings.Json)
        {
            await WriteJsonAsync(new IssueTokenResponse(token) { AccessToken = "" });
        }
        else
        {
            await Streams.Out.WriteLineAsync(LoggedIn(config, token, Session.ConfigPath));
        }

        return ExitCodes.Success;
    }

    /// <summary>The line that tells a person whom they are now logged in as.</summary>
    internal static string LoggedIn(CliConfig config, IssueTokenResponse token, string configPath) =>
        $"Logged in to {config.Server} as {config.ClientId} (tenant '{token.TenantId}', scopes {string.Join(' ', token.Scopes)}); saved to {configPath}";

    private async Task<string> ReadSecretAsync(CancellationToken cancellationToken)
    {
        var line = (await Streams.In.ReadLineAsync(cancellationToken))?.Trim();
        return string.IsNullOrEmpty(line)
            ? throw new CliException(ExitCodes.Usage, "--client-secret-stdin: standard input has no secret (expected it on the first line)")
            : line;
    }
}
