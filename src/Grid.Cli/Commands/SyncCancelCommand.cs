using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl sync cancel RUN [--reason TEXT]</c>: cancels an active or Protected run.</summary>
public sealed class SyncCancelCommand(StandardStreams streams, GridSession session) : OnlineCommand<SyncCancelCommand.Settings>(streams, session)
{
    public sealed class Settings : SyncRunSettings
    {
        [CommandOption("--reason <TEXT>")]
        [Description("Why, for the audit trail.")]
        public string? Reason { get; set; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var response = await grid.Admin.CancelSyncRunAsync(new CancelSyncRunRequest
        {
            TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector!, RunId = settings.RunId, Reason = settings.Reason ?? "",
        }, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response.Run);
        }
        else
        {
            await Streams.Out.WriteLineAsync($"cancelled run {response.Run.RunId}: {SyncRunView.State(response.Run)}");
        }

        return ExitCodes.Success;
    }
}
