using Grid.Abstractions.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Grid.Host.Grpc;

/// <summary>Checks a <see cref="TenantScopeRequirement"/> against the token's <c>scope</c> and <c>tenant</c> claims.</summary>
internal sealed class TenantScopeHandler : AuthorizationHandler<TenantScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantScopeRequirement requirement)
    {
        var caller = GridCaller.From(context.User);
        if (caller is null)
        {
            context.Fail(new AuthorizationFailureReason(this, "the caller is not authenticated"));
            return Task.CompletedTask;
        }

        if (!caller.Scopes.Contains(requirement.Scope))
        {
            context.Fail(new AuthorizationFailureReason(this, $"the access token lacks the '{requirement.Scope}' scope"));
            return Task.CompletedTask;
        }

        // platform.admin is the one scope that is not about the caller's own tenant (it creates other tenants).
        if (context.Resource is TenantResource tenant
            && requirement.Scope != GridScopes.PlatformAdmin
            && !string.Equals(caller.TenantId, tenant.TenantId, StringComparison.Ordinal))
        {
            context.Fail(new AuthorizationFailureReason(
                this, $"the access token is for tenant '{caller.TenantId}', not '{tenant.TenantId}'"));
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
