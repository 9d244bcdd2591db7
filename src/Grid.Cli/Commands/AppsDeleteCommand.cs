using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl apps delete CLIENT_ID</c>: deletes an application; its codes and refresh tokens stop working.</summary>
public sealed class AppsDeleteCommand(StandardStreams streams, GridSession session) : OnlineCommand<AppsDeleteCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandArgument(0, "<CLIENT_ID>")]
        [Description("The application's client id (app_...).")]
        public string ClientId { get; set; } = "";

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful && string.IsNullOrWhiteSpace(ClientId) ? ValidationResult.Error("CLIENT_ID is required") : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var deleted = await grid.Admin.DeleteApplicationAsync(
            new DeleteApplicationRequest { TenantId = TenantOf(settings, grid), ClientId = settings.ClientId },
            grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(deleted);
        }
        else
        {
            await Streams.Out.WriteLineAsync($"application {deleted.ClientId} deleted");
        }

        return ExitCodes.Success;
    }
}
