using Grid.Abstractions.Oidc;
using Grid.Grains.Secrets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Grid.Host.Oidc;

public static class OidcHostingExtensions
{
    /// <summary>
    /// The OpenID Connect provider: OpenIddict's server in degraded mode (Grid's grains are its stores, see
    /// <see cref="OidcRequestHandlers"/>), each tenant its own issuer <c>/t/{tenant}/</c>, the authorization code flow
    /// with PKCE (S256 only), refresh tokens, revocation, userinfo, end-session, discovery and JWKS.
    /// </summary>
    public static void AddGridOidc(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        services.AddOpenIddict().AddServer(server =>
        {
            // Relative to the issuer, which is set per request (OidcTenant).
            server.SetAuthorizationEndpointUris(OidcEndpointScope.Authorization)
                .SetTokenEndpointUris(OidcEndpointScope.Token)
                .SetUserInfoEndpointUris(OidcEndpointScope.UserInfo)
                .SetEndSessionEndpointUris(OidcEndpointScope.EndSession)
                .SetRevocationEndpointUris(OidcEndpointScope.Revocation)
                .SetConfigurationEndpointUris(OidcEndpointScope.Configuration)
                .SetJsonWebKeySetEndpointUris(OidcEndpointScope.JsonWebKeySet);
            server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
            server.RequireProofKeyForCodeExchange();
            server.RegisterScopes([.. OidcScopes.All]);
            server.RegisterClaims(Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.Email, Claims.PhoneNumber, OidcClaims.Organizations);
            server.EnableDegradedMode();

            // Access tokens are signed JWTs an application's API can check against the JWKS (not encrypted to Grid).
            server.DisableAccessTokenEncryption();

            // Grid's HTTP endpoint is plain HTTP behind a TLS-terminating proxy (Grid:Endpoints:PublicBaseAddress).
            server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .DisableTransportSecurityRequirement();
            OidcRequestHandlers.Register(server);
        });
        services.Replace(ServiceDescriptor.Scoped<IAuthenticationHandlerProvider, OidcEndpointScope>());
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<SecretsOptions>, IOptions<OidcOptions>>((server, secrets, oidc) =>
        {
            var (signing, encryption) = OidcKeys.Derive(secrets.Value);
            server.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.EcdsaSha256));
            server.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
            server.AuthorizationCodeLifetime = oidc.Value.AuthorizationCodeLifetime;
            server.AccessTokenLifetime = oidc.Value.AccessTokenLifetime;
            server.IdentityTokenLifetime = oidc.Value.AccessTokenLifetime;
            server.RefreshTokenLifetime = oidc.Value.RefreshTokenLifetime;
            server.CodeChallengeMethods.Clear();
            server.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
        });
    }
}
