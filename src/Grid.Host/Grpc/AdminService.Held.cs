using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Sync;
using Grid.Contracts.V1;
using Grpc.Core;
using Domain = Grid.Abstractions.Sync;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

// Part of AdminService: deletes from change callbacks held by the connector's delete budget.
internal sealed partial class AdminService
{
    public override async Task<ListHeldChangesResponse> ListHeldChanges(ListHeldChangesRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var held = await HeldChangesAsync(request.TenantId, request.ConnectorId, context);
        var page = await held.List(Paging.Token(request.PageToken), Paging.Size(request.PageSize, 50, 1000))
            .WaitAsync(context.CancellationToken);
        var response = new ListHeldChangesResponse { NextPageToken = page.NextPageToken ?? "", Total = page.Total };
        response.HeldChanges.AddRange(page.Items.Select(ToProto));
        return response;
    }

    public override async Task<ApproveHeldChangesResponse> ApproveHeldChanges(ApproveHeldChangesRequest request, ServerCallContext context)
    {
        var result = await DecideAsync(
            request.TenantId, request.ConnectorId, request.HeldChangeIds, request.All, context, (held, ids, actor) => held.Approve(ids, request.All, actor));
        var response = new ApproveHeldChangesResponse { Applied = result.Applied };
        response.NotFound.AddRange(result.NotFound);
        return response;
    }

    public override async Task<DiscardHeldChangesResponse> DiscardHeldChanges(DiscardHeldChangesRequest request, ServerCallContext context)
    {
        var result = await DecideAsync(
            request.TenantId, request.ConnectorId, request.HeldChangeIds, request.All, context, (held, ids, actor) => held.Discard(ids, request.All, actor));
        var response = new DiscardHeldChangesResponse { Discarded = result.Applied };
        response.NotFound.AddRange(result.NotFound);
        return response;
    }

    // Approve and discard alike: the caller, ids or all (not both), the connector, then the grain's decision.
    private async Task<HeldChangeResult> DecideAsync(
        string tenantId,
        string connectorId,
        ICollection<string> ids,
        bool all,
        ServerCallContext context,
        Func<IHeldChangesGrain, ImmutableArray<string>, string, Task<HeldChangeResult>> decide)
    {
        var caller = await access.RequireAsync(context, tenantId, GridScopes.Admin);
        if (all == (ids.Count > 0))
        {
            RpcErrors.InvalidArgument("held_change_ids", all ? "give the ids or all, not both" : "required (or set all)");
        }

        var held = await HeldChangesAsync(tenantId, connectorId, context);
        return await decide(held, [.. ids], caller.ClientId).WaitAsync(context.CancellationToken);
    }

    private async Task<IHeldChangesGrain> HeldChangesAsync(string tenantId, string connectorId, ServerCallContext context)
    {
        RequireConnectorId(connectorId);
        await RequireConnectorAsync(tenantId, connectorId, context);
        return grains.GetGrain<IHeldChangesGrain>(GridKeys.Connector(tenantId, connectorId));
    }

    private static V1.HeldChange ToProto(Domain.HeldChange change) => new()
    {
        HeldChangeId = change.Id,
        EventId = change.EventId,
        Kind = (V1.HeldChangeKind)(int)change.Kind,
        WecomUserid = change.UserId ?? "",
        DepartmentId = change.DepartmentId ?? 0,
        TargetId = change.TargetId,
        Description = change.Description,
        HeldAt = Timestamp.FromDateTimeOffset(change.HeldAt),
    };
}
