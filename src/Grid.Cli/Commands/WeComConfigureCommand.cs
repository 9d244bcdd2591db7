using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl wecom configure --file connector.json</c>: stores a connector's settings from a <see cref="ConnectorFile"/>;
/// secrets left out keep the stored ones.
/// </summary>
public sealed class WeComConfigureCommand(StandardStreams streams, GridSession session)
    : OnlineCommand<WeComConfigureCommand.Settings>(streams, session)
{
    public sealed class Settings : ConnectorSettings
    {
        [CommandOption("-f|--file <FILE>")]
        [Description("The connector settings as JSON ('-' for standard input).")]
        public string? File { get; set; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful && string.IsNullOrEmpty(File) ? ValidationResult.Error("--file is required") : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var request = await ConnectorFile.ReadAsync(settings.File!, "--file", Streams.In, cancellationToken);
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        request.TenantId = TenantOf(settings, grid);
        request.ConnectorId = settings.Connector!;
        var response = await grid.Admin.ConfigureWeComAsync(request, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response.Connector);
        }
        else
        {
            WeComGetCommand.Render(Console(), response.Connector);
        }

        return ExitCodes.Success;
    }
}
