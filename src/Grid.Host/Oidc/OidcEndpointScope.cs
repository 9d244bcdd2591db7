using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Grid.Host.Oidc;

/// <summary>
/// The provider's endpoints, relative to a tenant's issuer <c>/t/{tenant}/</c> (<see cref="OidcTenant"/>), and the
/// authentication handler provider that offers OpenIddict's server handler only to requests for them.
/// </summary>
/// <remarks>
/// ASP.NET Core's authentication middleware gives every request to every request-handling scheme first. OpenIddict's
/// server then runs its request pipeline (our <see cref="OidcRequestHandlers.ResolveTenantIssuer"/>, a tenant grain
/// read, among its handlers) to find that the request is none of its endpoints: a profile of <c>scale</c>'s
/// LookupAccount load over gRPC found 13.7% of the silo's CPU there. Outside the endpoints below, the scheme has no
/// handler: nothing else in Grid authenticates with it.
/// </remarks>
internal sealed class OidcEndpointScope(IAuthenticationSchemeProvider schemes) : IAuthenticationHandlerProvider
{
    public const string Authorization = "connect/authorize";
    public const string Token = "connect/token";
    public const string UserInfo = "connect/userinfo";
    public const string EndSession = "connect/endsession";
    public const string Revocation = "connect/revoke";
    public const string Configuration = ".well-known/openid-configuration";
    public const string JsonWebKeySet = ".well-known/jwks";

    private static readonly string[] Endpoints = [Authorization, Token, UserInfo, EndSession, Revocation, Configuration, JsonWebKeySet];

    private readonly AuthenticationHandlerProvider _handlers = new(schemes);

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme) =>
        authenticationScheme == OpenIddictServerAspNetCoreDefaults.AuthenticationScheme && !IsEndpoint(context.Request.Path)
            ? Task.FromResult<IAuthenticationHandler?>(null)
            : _handlers.GetHandlerAsync(context, authenticationScheme);

    /// <summary>True for <c>/t/{tenant}/</c> followed by one of the endpoints (a trailing slash allowed).</summary>
    public static bool IsEndpoint(PathString path)
    {
        var value = path.Value.AsSpan();
        if (!value.StartsWith("/t/", StringComparison.Ordinal))
        {
            return false;
        }

        var tenantEnd = value[3..].IndexOf('/');
        if (tenantEnd <= 0)
        {
            return false;
        }

        var rest = value[(3 + tenantEnd + 1)..].TrimEnd('/');
        foreach (var endpoint in Endpoints)
        {
            if (rest.Equals(endpoint, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
