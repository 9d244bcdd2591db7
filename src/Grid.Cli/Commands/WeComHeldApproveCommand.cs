using Google.Protobuf;
using Grid.Contracts.V1;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom held approve ID...|--all</c>: applies held deletes (each planned again from WeCom).</summary>
public sealed class WeComHeldApproveCommand(StandardStreams streams, GridSession session) : WeComHeldDecisionCommand(streams, session)
{
    protected override string Done => "approved and applied";

    protected override async Task<(IMessage Response, int Count, IReadOnlyCollection<string> NotFound)> DecideAsync(
        GridConnection grid, string tenantId, WeComHeldSettings settings, CancellationToken cancellationToken)
    {
        var request = new ApproveHeldChangesRequest { TenantId = tenantId, ConnectorId = settings.Connector!, All = settings.All, HeldChangeIds = { settings.Ids } };
        var response = await grid.Admin.ApproveHeldChangesAsync(request, grid.Call(cancellationToken));
        return (response, response.Applied, response.NotFound);
    }
}
