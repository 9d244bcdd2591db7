using System.Security.Claims;
using Grid.Abstractions.Auth;

namespace Grid.Host.Grpc;

/// <summary>The authenticated caller as its access token describes it.</summary>
internal sealed record GridCaller(string ClientId, string TenantId, IReadOnlySet<string> Scopes)
{
    /// <summary>
    /// The caller, or null when the principal carries no complete Grid service-client token (an end user's token
    /// included).
    /// </summary>
    public static GridCaller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        // An end user's token is never a service client's credential, whatever else it carries.
        if (user.HasClaim(claim => claim.Type == AccessTokenClaimTypes.TokenType))
        {
            return null;
        }

        var clientId = user.FindFirst(AccessTokenClaimTypes.ClientId)?.Value;
        var tenantId = user.FindFirst(AccessTokenClaimTypes.Tenant)?.Value;
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(tenantId))
        {
            return null;
        }

        var scopes = user.FindAll(AccessTokenClaimTypes.Scope)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return new GridCaller(clientId, tenantId, scopes);
    }
}
