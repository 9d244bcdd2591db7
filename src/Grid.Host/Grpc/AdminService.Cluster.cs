using Grid.Contracts.V1;
using Grpc.Core;

namespace Grid.Host.Grpc;

/// <summary>grid.v1.Admin, the cluster's status (scope platform.admin: it spans every tenant).</summary>
internal sealed partial class AdminService
{
    public override async Task<GetClusterStatusResponse> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context)
    {
        await access.RequirePlatformAsync(context);
        return await cluster.ReadAsync(request.IncludeDead, context.CancellationToken);
    }
}
