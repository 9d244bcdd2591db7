using Microsoft.AspNetCore.Authorization;

namespace Grid.Host.Grpc;

/// <summary>
/// The caller's token grants <see cref="Scope"/> and, when the resource is a <see cref="TenantResource"/>, is for
/// that tenant. One policy per scope, named after the scope (<see cref="Abstractions.Auth.GridScopes"/>).
/// </summary>
internal sealed class TenantScopeRequirement(string scope) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;
}
