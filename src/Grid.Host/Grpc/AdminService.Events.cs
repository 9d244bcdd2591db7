using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Events;
using Grid.Contracts.V1;
using Grid.Grains;
using Grpc.Core;
using Domain = Grid.Abstractions.Events;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

// Part of AdminService: the WeCom change callbacks of a connector (the event inbox).
internal sealed partial class AdminService
{
    public override async Task<ListWeComEventsResponse> ListWeComEvents(ListWeComEventsRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        var size = Paging.Size(request.PageSize, 50, 500);
        var kind = PageTokens.WeComEvents(request.ConnectorId);
        var before = PageTokens.DecodeOffset(request.PageToken, kind);
        Domain.WeComEventStatus? status = request.Status == V1.WeComEventStatus.Unspecified ? null : (Domain.WeComEventStatus)request.Status;
        var page = await Inbox(request.TenantId, request.ConnectorId).List(status, before, size).WaitAsync(context.CancellationToken);
        var response = new ListWeComEventsResponse { NextPageToken = page.Before > 0 ? PageTokens.Encode(kind, page.Before) : "" };
        response.Events.AddRange(page.Events.Select(ToProto));
        return response;
    }

    public override async Task<RetryWeComEventResponse> RetryWeComEvent(RetryWeComEventRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        if (string.IsNullOrEmpty(request.EventId))
        {
            RpcErrors.InvalidArgument("event_id", "required");
        }

        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        var retried = await Inbox(request.TenantId, request.ConnectorId)
            .Retry(long.Parse(request.EventId, CultureInfo.InvariantCulture), caller.ClientId)
            .WaitAsync(context.CancellationToken);
        return new RetryWeComEventResponse { Event = ToProto(retried) };
    }

    private IWeComEventInboxGrain Inbox(string tenantId, string connectorId)
    {
        RequireConnectorId(connectorId);
        return grains.GetGrain<IWeComEventInboxGrain>(GridKeys.Connector(tenantId, connectorId));
    }

    private static V1.WeComEvent ToProto(Domain.WeComEvent e) => new()
    {
        EventId = e.Id.ToString(CultureInfo.InvariantCulture),
        ChangeType = e.ChangeType,
        Userid = e.UserId ?? "",
        NewUserid = e.NewUserId ?? "",
        DepartmentId = e.DepartmentId ?? 0,
        Status = (V1.WeComEventStatus)e.Status,
        Attempts = e.Attempts,
        Error = e.Error ?? "",
        CreatedAt = Timestamp.FromDateTimeOffset(e.CreateTime),
        ReceivedAt = Timestamp.FromDateTimeOffset(e.ReceivedAt),
        NextAttemptAt = e.NextAttemptAt is { } next ? Timestamp.FromDateTimeOffset(next) : null,
        FinishedAt = e.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
        DecidedBy = e.DecidedBy ?? "",
    };
}
