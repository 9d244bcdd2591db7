using System.ComponentModel;
using Google.Protobuf;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl wecom configure --file connector.json</c>: stores a connector's settings. The file is the JSON of
/// grid.v1.ConfigureWeComRequest without tenant and connector: <c>{"settings": {...}, "field_mappings": {...},
/// "thresholds": {...}, "schedule": {...}}</c>; secrets left out keep the stored ones.
/// </summary>
public sealed class WeComConfigureCommand(StandardStreams streams, GridSession session)
    : OnlineCommand<WeComConfigureCommand.Settings>(streams, session)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

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
        ConfigureWeComRequest request;
        try
        {
            var json = settings.File == "-"
                ? await Streams.In.ReadToEndAsync(cancellationToken)
                : await System.IO.File.ReadAllTextAsync(settings.File!, cancellationToken);
            request = Parser.Parse<ConfigureWeComRequest>(json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read --file {settings.File}: {ex.Message}");
        }

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
