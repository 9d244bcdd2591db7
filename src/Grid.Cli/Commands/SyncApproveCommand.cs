using Grid.Contracts.V1;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl sync approve RUN</c>: applies a Protected run's kept plan once.</summary>
public sealed class SyncApproveCommand(StandardStreams streams, GridSession session) : OnlineCommand<SyncRunSettings>(streams, session)
{
    protected override async Task<int> RunAsync(SyncRunSettings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var response = await grid.Admin.ApproveSyncRunAsync(
            new ApproveSyncRunRequest { TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector!, RunId = settings.RunId },
            grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response.Run);
        }
        else
        {
            await Streams.Out.WriteLineAsync($"approved run {response.Run.RunId}: {SyncRunView.State(response.Run)}");
        }

        return ExitCodes.Success;
    }
}
