using Grid.Contracts.V1;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom held approve ID...|--all</c>: applies held deletes (each planned again from WeCom).</summary>
public sealed class WeComHeldApproveCommand(StandardStreams streams, GridSession session) : OnlineCommand<WeComHeldSettings>(streams, session)
{
    protected override async Task<int> RunAsync(WeComHeldSettings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var request = new ApproveHeldChangesRequest { TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector!, All = settings.All };
        request.HeldChangeIds.AddRange(settings.Ids);
        var response = await grid.Admin.ApproveHeldChangesAsync(request, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response);
        }
        else
        {
            await Streams.Out.WriteLineAsync(HeldOutcome.Describe("approved and applied", response.Applied, response.NotFound));
        }

        return ExitCodes.Success;
    }
}
