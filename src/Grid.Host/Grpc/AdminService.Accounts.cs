using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Tenants;
using Grid.Host.SignIn;
using Grpc.Core;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

/// <summary>grid.v1.Admin, accounts: the credentials an admin sets (scope admin).</summary>
internal sealed partial class AdminService
{
    public override async Task<V1.SetAccountPasswordResponse> SetAccountPassword(V1.SetAccountPasswordRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        if (string.IsNullOrEmpty(request.AccountId))
        {
            RpcErrors.InvalidArgument("account_id", "required");
        }

        PasswordPolicy.Require(request.Password, "password");
        var cancel = context.CancellationToken;
        var account = grains.GetGrain<IAccountGrain>(GridKeys.Account(request.TenantId, request.AccountId));
        var view = await account.Get().WaitAsync(cancel);
        if (view is null || view.Status == AccountStatus.Deleted)
        {
            RpcErrors.NotFound($"account '{request.AccountId}' does not exist in tenant '{request.TenantId}'");
        }

        await account.SetPassword(request.Password).WaitAsync(cancel);
        await grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(request.TenantId)).Append(
        [
            new AuditEntry(0, time.GetUtcNow(), caller.ClientId, "account.set-password", $"account/{request.AccountId}", "password set by an admin"),
        ]).WaitAsync(cancel);
        return new V1.SetAccountPasswordResponse { AccountId = request.AccountId };
    }
}
