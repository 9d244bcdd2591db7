using System.Reflection;
using System.Security.Claims;
using Grid.Host.Grpc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Grid.Host.Tests.Grpc;

/// <summary>
/// An access token that could not be checked because the cluster could not serve the signing keys is answered
/// UNAVAILABLE (retry), not UNKNOWN (HTTP 500) and not UNAUTHENTICATED (the token may well be good).
/// </summary>
public sealed class GrpcAuthorizationResultHandlerTests
{
    [Fact]
    public async Task Challenge_WhenTheKeysCouldNotBeRead_IsUnavailable()
    {
        var context = GrpcRequest(AuthenticateResult.Fail(new SiloUnavailableException("silo down")));

        await Handler().HandleAsync(_ => Task.CompletedTask, context, Policy(), PolicyAuthorizationResult.Challenge());

        Assert.Equal("14", context.Response.Headers["grpc-status"].ToString());
        Assert.Contains("retry", context.Response.Headers["grpc-message"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Challenge_ForABadToken_IsStillUnauthenticated()
    {
        var context = GrpcRequest(AuthenticateResult.Fail(new InvalidOperationException("bad token")));

        await Handler().HandleAsync(_ => Task.CompletedTask, context, Policy(), PolicyAuthorizationResult.Challenge());

        Assert.Equal("16", context.Response.Headers["grpc-status"].ToString());
    }

    [Fact]
    public async Task JwtBearer_WhenReadingTheKeysFailsTransiently_FailsTheResultInsteadOfThrowing()
    {
        await using var app = GridApp.Build([]);
        var options = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var scheme = new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
        var transient = new AuthenticationFailedContext(new DefaultHttpContext(), scheme, options)
        {
            Exception = Orleans<OrleansMessageRejectionException>("rejected"),
        };
        var other = new AuthenticationFailedContext(new DefaultHttpContext(), scheme, options) { Exception = new InvalidOperationException("x") };

        await options.Events.AuthenticationFailed(transient);
        await options.Events.AuthenticationFailed(other);

        Assert.Same(transient.Exception, transient.Result?.Failure);
        Assert.Null(other.Result);
    }

    private static GrpcAuthorizationResultHandler Handler() => new(NullLogger<GrpcAuthorizationResultHandler>.Instance);

    private static AuthorizationPolicy Policy() => new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();

    private static DefaultHttpContext GrpcRequest(AuthenticateResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<IAuthenticationService>(new FixedAuthentication(result)).BuildServiceProvider(),
        };
        context.Request.ContentType = "application/grpc";
        context.Request.Path = "/grid.v1.Admin/ListAuditEntries";
        return context;
    }

    private static TException Orleans<TException>(string message)
        where TException : Exception =>
        (TException)Activator.CreateInstance(typeof(TException), BindingFlags.Instance | BindingFlags.NonPublic, null, [message], null)!;

    private sealed class FixedAuthentication(AuthenticateResult result) : IAuthenticationService
    {
        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) => Task.FromResult(result);

        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) =>
            Task.CompletedTask;

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;
    }
}
