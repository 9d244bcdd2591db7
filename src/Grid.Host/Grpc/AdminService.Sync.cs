using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Sync;
using Grid.Contracts.V1;
using Grpc.Core;

namespace Grid.Host.Grpc;

// Part of AdminService: sync runs.
internal sealed partial class AdminService
{
    public override async Task<StartSyncResponse> StartSync(StartSyncRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        var run = await Coordinator(request.TenantId, request.ConnectorId)
            .Start(request.DryRun, caller.ClientId).WaitAsync(context.CancellationToken);
        return new StartSyncResponse { Run = run.ToProto() };
    }

    public override async Task<GetSyncRunResponse> GetSyncRun(GetSyncRunRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var coordinator = Coordinator(request.TenantId, request.ConnectorId, request.RunId);
        var run = await coordinator.GetRun(request.RunId).WaitAsync(context.CancellationToken);
        var response = new GetSyncRunResponse { Run = run.ToProto(), PlanStepCount = run.PlanStepCount };
        if (request.IncludePlan)
        {
            var size = Paging.Size(request.PlanPageSize, 100, 1000, "plan_page_size");
            var page = await coordinator.GetPlan(request.RunId, Paging.Token(request.PlanPageToken), size)
                .WaitAsync(context.CancellationToken);
            response.PlanSteps.AddRange(page.Steps.Select(step => step.ToProto()));
            response.NextPlanPageToken = page.NextPageToken;
            response.PlanStepCount = page.TotalSteps;
        }

        return response;
    }

    public override async Task<ListSyncRunsResponse> ListSyncRuns(ListSyncRunsRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        // An unknown connector has no runs, but "none" would hide a typo: NotFound, as GetSyncRun and StartSync say.
        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        var size = Paging.Size(request.PageSize, 20, 200);
        var page = await Coordinator(request.TenantId, request.ConnectorId)
            .ListRuns(Paging.Token(request.PageToken), size).WaitAsync(context.CancellationToken);
        var response = new ListSyncRunsResponse { NextPageToken = page.NextPageToken };
        response.Runs.AddRange(page.Runs.Select(run => run.ToProto()));
        return response;
    }

    public override async Task WatchSyncRun(
        WatchSyncRunRequest request, IServerStreamWriter<WatchSyncRunResponse> responseStream, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var cancel = context.CancellationToken;
        try
        {
            await foreach (var run in Coordinator(request.TenantId, request.ConnectorId, request.RunId)
                .Watch(request.RunId, cancel).WithCancellation(cancel))
            {
                await responseStream.WriteAsync(new WatchSyncRunResponse { Run = run.ToProto() }, cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The caller stopped watching (or its deadline passed); the run goes on.
        }
    }

    public override async Task<ApproveSyncRunResponse> ApproveSyncRun(ApproveSyncRunRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var run = await Coordinator(request.TenantId, request.ConnectorId, request.RunId)
            .Approve(request.RunId, caller.ClientId).WaitAsync(context.CancellationToken);
        return new ApproveSyncRunResponse { Run = run.ToProto() };
    }

    public override async Task<CancelSyncRunResponse> CancelSyncRun(CancelSyncRunRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var run = await Coordinator(request.TenantId, request.ConnectorId, request.RunId)
            .Cancel(request.RunId, caller.ClientId, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason)
            .WaitAsync(context.CancellationToken);
        return new CancelSyncRunResponse { Run = run.ToProto() };
    }

    private ISyncCoordinatorGrain Coordinator(string tenantId, string connectorId, string? runId = null)
    {
        RequireConnectorId(connectorId);
        if (runId is not null && string.IsNullOrWhiteSpace(runId))
        {
            RpcErrors.InvalidArgument("run_id", "required");
        }

        return grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, connectorId));
    }
}
