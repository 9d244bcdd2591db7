using System.Text.Encodings.Web;
using Grid.Host.Oidc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;

namespace Grid.Host.Tests.Oidc;

public sealed class OidcEndpointScopeTests
{
    private const string Other = "Other";

    [Theory]
    [InlineData("/t/acme/connect/authorize")]
    [InlineData("/t/acme/connect/token")]
    [InlineData("/t/acme/connect/userinfo")]
    [InlineData("/t/acme/connect/endsession")]
    [InlineData("/t/acme/connect/revoke")]
    [InlineData("/t/acme/.well-known/openid-configuration")]
    [InlineData("/t/acme/.well-known/jwks")]
    [InlineData("/t/acme/connect/token/")]
    [InlineData("/t/acme/CONNECT/Token")]
    public void IsEndpoint_ForEachEndpointOfATenantsIssuer(string path)
    {
        Assert.True(OidcEndpointScope.IsEndpoint(new PathString(path)));
    }

    [Theory]
    [InlineData("/grid.v1.Directory/LookupAccount")]
    [InlineData("/grid.v1.Auth/ValidateToken")]
    [InlineData("/connect/token")]
    [InlineData("/.well-known/jwks.json")]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/t/acme/login")]
    [InlineData("/t/acme/wecom/wecom/events")]
    [InlineData("/t/acme/connect/other")]
    [InlineData("/t/acme/connect/tokens")]
    [InlineData("/t//connect/token")]
    [InlineData("/t/acme")]
    [InlineData("")]
    public void IsNotEndpoint_AnythingElse(string path)
    {
        Assert.False(OidcEndpointScope.IsEndpoint(new PathString(path)));
    }

    [Fact]
    public async Task OpenIddictsHandler_IsOfferedOnlyToItsEndpoints_OtherSchemesEverywhere()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, NoResultHandler>(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, null)
            .AddScheme<AuthenticationSchemeOptions, NoResultHandler>(Other, null);
        await using var provider = services.BuildServiceProvider();
        var scope = new OidcEndpointScope(provider.GetRequiredService<IAuthenticationSchemeProvider>());

        var grpc = Request(provider, "/grid.v1.Directory/LookupAccount");
        var token = Request(provider, "/t/acme/connect/token");

        Assert.Null(await scope.GetHandlerAsync(grpc, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme));
        Assert.IsType<NoResultHandler>(await scope.GetHandlerAsync(grpc, Other));
        Assert.IsType<NoResultHandler>(await scope.GetHandlerAsync(token, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme));
    }

    private static DefaultHttpContext Request(IServiceProvider services, string path) =>
        new() { RequestServices = services, Request = { Path = path } };

    private sealed class NoResultHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
