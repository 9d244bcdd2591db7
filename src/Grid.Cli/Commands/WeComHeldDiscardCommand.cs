using Grid.Contracts.V1;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom held discard ID...|--all</c>: forgets held deletes; nothing is deleted.</summary>
public sealed class WeComHeldDiscardCommand(StandardStreams streams, GridSession session) : OnlineCommand<WeComHeldSettings>(streams, session)
{
    protected override async Task<int> RunAsync(WeComHeldSettings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var request = new DiscardHeldChangesRequest { TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector!, All = settings.All };
        request.HeldChangeIds.AddRange(settings.Ids);
        var response = await grid.Admin.DiscardHeldChangesAsync(request, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response);
        }
        else
        {
            await Streams.Out.WriteLineAsync(HeldOutcome.Describe("discarded", response.Discarded, response.NotFound));
        }

        return ExitCodes.Success;
    }
}
