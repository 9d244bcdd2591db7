using Grid.Abstractions.Oidc;
using Grid.Abstractions.Tenants;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Grid.Host.Oidc;

/// <summary>
/// Grid's part of OpenIddict's request pipeline. OpenIddict runs in degraded mode (no OpenIddict stores): it keeps
/// the protocol (parameters, PKCE, token formats and their validation, discovery, JWKS), and these handlers answer
/// what a store would from Grid's grains: the per-request issuer, the client and its redirect URIs, the client's
/// secret, the post-logout redirect URIs, revocation. One-time codes and refresh-token rotation are the token endpoint's
/// (<see cref="OidcEndpoints"/>, through <c>IOidcGrantGrain</c>).
/// </summary>
internal static class OidcRequestHandlers
{
    public static void Register(OpenIddictServerBuilder server)
    {
        server.AddEventHandler<ProcessRequestContext>(handler => handler
            .UseSingletonHandler<ResolveTenantIssuer>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom));
        server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler
            .UseSingletonHandler<ValidateAuthorizationClient>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom));
        server.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            .UseSingletonHandler<ValidateClient<ValidateTokenRequestContext>>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom));
        server.AddEventHandler<ValidateRevocationRequestContext>(handler => handler
            .UseSingletonHandler<ValidateClient<ValidateRevocationRequestContext>>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom));
        server.AddEventHandler<HandleRevocationRequestContext>(handler => handler
            .UseSingletonHandler<RevokeGrant>()
            .SetOrder(OpenIddictServerHandlers.Revocation.AttachPrincipal.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom));
        server.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler
            .UseSingletonHandler<ValidateEndSessionClient>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom));
    }

    /// <summary>The application of the request's tenant, or null (unknown here, or of another tenant).</summary>
    public static async Task<OidcApplication?> ApplicationAsync(IGrainFactory grains, Uri? issuer, string? clientId)
    {
        if (OidcTenant.Of(issuer) is not { } tenantId || string.IsNullOrEmpty(clientId) || clientId.Length > 64)
        {
            return null;
        }

        return await grains.GetGrain<IOidcApplicationGrain>(OidcClientIds.Key(tenantId, clientId)).Get();
    }

    /// <summary>Sets the issuer (base URI) to <c>/t/{tenant}/</c> of the request's path when the tenant exists.</summary>
    internal sealed class ResolveTenantIssuer(IGrainFactory grains) : IOpenIddictServerHandler<ProcessRequestContext>
    {
        public async ValueTask HandleAsync(ProcessRequestContext context)
        {
            if (OidcTenant.Of(context.RequestUri) is { } tenantId && context.RequestUri is { } request
                && await grains.GetGrain<ITenantGrain>(tenantId).Get() is not null)
            {
                context.BaseUri = OidcTenant.Issuer(request, tenantId);
            }
        }
    }

    internal sealed class ValidateAuthorizationClient(IGrainFactory grains) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
    {
        public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
        {
            if (await ApplicationAsync(grains, context.BaseUri, context.ClientId) is not { } application)
            {
                context.Reject(Errors.InvalidClient, "client_id: no application of this tenant has this client id.");
                return;
            }

            // Exact match (OpenID Connect Core 3.1.2.1): no prefix, no wildcard.
            if (context.RedirectUri is null || !application.RedirectUris.Contains(context.RedirectUri, StringComparer.Ordinal))
            {
                context.Reject(Errors.InvalidRequest, "redirect_uri: not a redirect URI registered for this application.");
                return;
            }

            var unknown = context.Request.GetScopes().Where(scope => !application.Scopes.Contains(scope, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                context.Reject(Errors.InvalidScope, $"scope: this application may not ask for {string.Join(' ', unknown)}.");
            }
        }
    }

    /// <summary>The client of a token or revocation request: the tenant's application, and its secret unless public.</summary>
    internal sealed class ValidateClient<TContext>(IGrainFactory grains) : IOpenIddictServerHandler<TContext>
        where TContext : BaseValidatingClientContext
    {
        public async ValueTask HandleAsync(TContext context)
        {
            if (await ApplicationAsync(grains, context.BaseUri, context.ClientId) is not { } application)
            {
                context.Reject(Errors.InvalidClient, "client_id: no application of this tenant has this client id.");
                return;
            }

            if (application.IsPublic)
            {
                if (!string.IsNullOrEmpty(context.ClientSecret))
                {
                    context.Reject(Errors.InvalidClient, "client_secret: a public client has no secret.");
                }

                return;
            }

            if (string.IsNullOrEmpty(context.ClientSecret)
                || context.ClientSecret.Length > 256
                || !await grains.GetGrain<IOidcApplicationGrain>(OidcClientIds.Key(application.TenantId, application.ClientId)).VerifySecret(context.ClientSecret))
            {
                context.Reject(Errors.InvalidClient, "The client credentials are not valid.");
            }
        }
    }

    /// <summary>
    /// RFC 7009: a refresh token (or an access token) of the requesting client, which OpenIddict has decrypted and
    /// checked (issuer: this tenant, the client its presenter), revokes its grant: every refresh token of that sign-in,
    /// and userinfo for its access tokens. Anything else is answered 200 as well, as the RFC asks.
    /// </summary>
    internal sealed class RevokeGrant(IGrainFactory grains) : IOpenIddictServerHandler<HandleRevocationRequestContext>
    {
        public async ValueTask HandleAsync(HandleRevocationRequestContext context)
        {
            if (OidcTenant.Of(context.BaseUri) is { } tenantId && context.GenericTokenPrincipal?.GetClaim(OidcClaims.GrantId) is { Length: > 0 } grantId)
            {
                await grains.GetGrain<IOidcGrantGrain>($"{tenantId}/{grantId}").Revoke();
            }
        }
    }

    internal sealed class ValidateEndSessionClient(IGrainFactory grains) : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
    {
        public async ValueTask HandleAsync(ValidateEndSessionRequestContext context)
        {
            if (context.PostLogoutRedirectUri is null)
            {
                return;
            }

            var clientId = context.Request.ClientId ?? context.IdentityTokenHintPrincipal?.GetAudiences().FirstOrDefault();
            if (await ApplicationAsync(grains, context.BaseUri, clientId) is not { } application
                || !application.PostLogoutRedirectUris.Contains(context.PostLogoutRedirectUri, StringComparer.Ordinal))
            {
                context.Reject(Errors.InvalidRequest, "post_logout_redirect_uri: not an address registered for the application (name it with client_id or id_token_hint).");
            }
        }
    }
}
