using System.Security.Cryptography;
using Grid.Abstractions.Auth;
using Grid.Grains.Auth;
using Grid.Grains.Directory;
using Grid.Grains.Secrets;
using Grid.Host.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Host.Grpc;

public static class GrpcHostingExtensions
{
    /// <summary>
    /// The gRPC front end: services Admin, Directory and Auth, reflection, health checking, JWT bearer authentication
    /// against the cluster's own signing keys, per-tenant scope policies and, in the dev profile, the ready admin
    /// credential.
    /// </summary>
    public static void AddGridGrpc(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var grid = builder.Configuration.GetSection(GridOptions.SectionName).Get<GridOptions>() ?? new GridOptions();
        services.TryAddSingleton(TimeProvider.System);

        // Signing keys are sealed at rest. dev keeps all state in memory, so an ephemeral master key loses nothing
        // and spares a newcomer the setup; cluster must configure Grid:Secrets:MasterKey.
        if (!grid.IsCluster && string.IsNullOrEmpty(builder.Configuration[$"{SecretsOptions.SectionName}:MasterKey"]))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{SecretsOptions.SectionName}:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            });
        }

        services.AddGridSecrets();

        // The services the grains behind these RPCs need (idempotent; the host may register them too).
        services.AddGridDirectory();

        services.AddOptions<GridAuthOptions>().BindConfiguration(GridAuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GridAuthOptions>, GridAuthOptionsValidator>();
        services.AddOptions<SigningKeyOptions>().Configure<IOptions<GridAuthOptions>>((keys, auth) =>
        {
            var settings = auth.Value;

            // Published before use for longer than any silo caches the key set; kept after retirement for longer
            // than any token it signed can live.
            keys.PropagationDelay = settings.KeyCacheDuration * 2;
            keys.RetiredKeyRetention = settings.AccessTokenLifetime + settings.ClockSkew + settings.KeyCacheDuration;
            keys.RotationPeriod = settings.KeyRotationPeriod;
        });

        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = RequestLimits.MaxReceiveMessageSize;
            grpc.Interceptors.Add<GridExceptionInterceptor>();
            grpc.Interceptors.Add<RequestValidationInterceptor>();
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks();

        services.AddSingleton<SigningKeyConfigurationManager>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyConfigurationManager, IOptions<GridAuthOptions>, TimeProvider>((jwt, keys, auth, time) =>
            {
                var settings = auth.Value;
                jwt.ConfigurationManager = keys;

                // Callers present the same token on call after call: check its signature once (see the handler).
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new CachingJsonWebTokenHandler(time));
                jwt.MapInboundClaims = false;
                jwt.RefreshOnIssuerKeyNotFound = true;

                // The signing keys are read through Orleans: when the cluster cannot answer, the handler would rethrow
                // (HTTP 500, UNKNOWN to gRPC clients). A failed result instead lets GrpcAuthorizationResultHandler
                // answer UNAVAILABLE.
                jwt.Events = new JwtBearerEvents
                {
                    OnAuthenticationFailed = failed =>
                    {
                        if (ClusterFailures.FindTransient(failed.Exception) is not null)
                        {
                            failed.Fail(failed.Exception);
                        }

                        return Task.CompletedTask;
                    },
                };
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    ClockSkew = settings.ClockSkew,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    NameClaimType = AccessTokenClaimTypes.ClientId,
                };
            });

        services.AddAuthorizationBuilder().AddGridScopePolicies();
        services.AddSingleton<IAuthorizationHandler, TenantScopeHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddSingleton<GridAccess>();
        services.AddSingleton<ClusterStatusReader>();

        services.AddHostedService<BootstrapCredentialProvisioner>();
        services.AddSingleton<TokenRequestThrottle>();
        if (!grid.IsCluster)
        {
            services.AddSingleton<DevCredentialBootstrapper>();
            services.AddHostedService(provider => provider.GetRequiredService<DevCredentialBootstrapper>());
        }
    }

    /// <summary>Maps the gRPC services (authenticated), reflection and health (anonymous) and the JWKS document.</summary>
    public static void MapGridGrpc(this WebApplication app)
    {
        app.MapGrpcService<AuthService>().RequireAuthorization();
        app.MapGrpcService<AdminService>().RequireAuthorization();
        app.MapGrpcService<DirectoryService>().RequireAuthorization();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapGet("/.well-known/jwks.json", JwksEndpoint.GetAsync);
    }

    private static AuthorizationBuilder AddGridScopePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var scope in GridScopes.All)
        {
            authorization.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .AddRequirements(new TenantScopeRequirement(scope)));
        }

        return authorization;
    }
}
