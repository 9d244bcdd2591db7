using System.ComponentModel;
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
        [Description("The service client secret (default: the dev credential's).")]
        public string? ClientSecret { get; set; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var (config, token) = await Session.LoginAsync(settings.Server, settings.ClientId, settings.ClientSecret, cancellationToken);
        if (settings.Json)
        {
            await WriteJsonAsync(new Contracts.V1.IssueTokenResponse(token) { AccessToken = "" });
        }
        else
        {
            await Streams.Out.WriteLineAsync(
                $"Logged in to {config.Server} as {config.ClientId} (tenant '{token.TenantId}', scopes {string.Join(' ', token.Scopes)}); saved to {Session.ConfigPath}");
        }

        return ExitCodes.Success;
    }
}
