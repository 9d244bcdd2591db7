using Google.Protobuf;
using Grid.Contracts.V1;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom held discard ID...|--all</c>: forgets held deletes; nothing is deleted.</summary>
public sealed class WeComHeldDiscardCommand(StandardStreams streams, GridSession session) : WeComHeldDecisionCommand(streams, session)
{
    protected override string Done => "discarded";

    protected override async Task<(IMessage Response, int Count, IReadOnlyCollection<string> NotFound)> DecideAsync(
        GridConnection grid, string tenantId, WeComHeldSettings settings, CancellationToken cancellationToken)
    {
        var request = new DiscardHeldChangesRequest { TenantId = tenantId, ConnectorId = settings.Connector!, All = settings.All, HeldChangeIds = { settings.Ids } };
        var response = await grid.Admin.DiscardHeldChangesAsync(request, grid.Call(cancellationToken));
        return (response, response.Discarded, response.NotFound);
    }
}
