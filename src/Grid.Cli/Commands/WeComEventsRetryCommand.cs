using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom events retry ID</c>: puts a parked (or failed) change callback back in line.</summary>
public sealed class WeComEventsRetryCommand(StandardStreams streams, GridSession session)
    : OnlineCommand<WeComEventsRetryCommand.Settings>(streams, session)
{
    public sealed class Settings : ConnectorSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The event id (see 'gridctl wecom events list --status parked').")]
        public string EventId { get; set; } = "";

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful && string.IsNullOrWhiteSpace(EventId) ? ValidationResult.Error("ID is required") : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var response = await grid.Admin.RetryWeComEventAsync(
            new RetryWeComEventRequest { TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector!, EventId = settings.EventId },
            grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response.Event);
        }
        else
        {
            await Streams.Out.WriteLineAsync(
                $"event {response.Event.EventId} ({response.Event.ChangeType}) is {WeComEventsListCommand.StatusName(response.Event.Status)} again");
        }

        return ExitCodes.Success;
    }
}
