using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Grid.Host.Grpc;

/// <summary>
/// The per-tenant authorization of the gRPC services: checks the request's tenant id, then the scope policy against
/// that tenant. Failures become INVALID_ARGUMENT or PERMISSION_DENIED with the reason.
/// </summary>
internal sealed class GridAccess(IAuthorizationService authorization)
{
    /// <summary>Authorizes the call for <paramref name="tenantId"/> and returns the caller.</summary>
    public async Task<GridCaller> RequireAsync(ServerCallContext context, string tenantId, string scope)
    {
        if (!GridKeys.IsValidTenantId(tenantId))
        {
            RpcErrors.InvalidArgument("tenant_id", $"'{SafeText.Echo(tenantId)}' is not a tenant id (1..63 characters of a-z, 0-9 and '-')");
        }

        return await AuthorizeAsync(context, new TenantResource(tenantId), scope);
    }

    /// <summary>Authorizes a call about the whole platform, no one tenant (scope platform.admin), and returns the caller.</summary>
    public Task<GridCaller> RequirePlatformAsync(ServerCallContext context) => AuthorizeAsync(context, null, GridScopes.PlatformAdmin);

    private async Task<GridCaller> AuthorizeAsync(ServerCallContext context, TenantResource? tenant, string scope)
    {
        var user = context.GetHttpContext().User;
        var result = await authorization.AuthorizeAsync(user, tenant, scope);
        if (!result.Succeeded)
        {
            var reasons = result.Failure?.FailureReasons.Select(reason => reason.Message).ToList() ?? [];
            RpcErrors.PermissionDenied(reasons.Count == 0 ? $"the '{scope}' scope is required" : string.Join("; ", reasons));
        }

        return GridCaller.From(user) ?? throw new InvalidOperationException("An authorized caller has no Grid claims.");
    }
}
