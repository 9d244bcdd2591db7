using Grid.Contracts.V1;
using Grid.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.EndToEnd.Tests.Browser;

/// <summary>
/// A real relying party on loopback: ASP.NET Core with Microsoft.AspNetCore.Authentication.OpenIdConnect against a
/// tenant's issuer. Every page requires a user; "/" lists the user's claims as "type=value" lines.
/// </summary>
internal sealed class RelyingPartyApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RelyingPartyApp(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>A free origin for an application to register (its redirect URI is <c>{origin}/signin-oidc</c>).</summary>
    public static string NewOrigin() => $"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}";

    public string Origin { get; }

    /// <param name="origin">From <see cref="NewOrigin"/>, registered with the application.</param>
    /// <param name="created">The application.</param>
    /// <param name="connectorId">Grid's own authorization parameter: the connector whose login page to show.</param>
    /// <param name="responseMode">form_post (the handler's default: the code comes back in a posted form) or query (a redirect).</param>
    /// <param name="scopes">Scopes beyond openid and profile.</param>
    public static async Task<RelyingPartyApp> StartAsync(
        string origin, CreateApplicationResponse created, string connectorId, string responseMode, params string[] scopes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(origin);
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(options =>
            {
                options.Authority = created.Issuer;
                options.ClientId = created.Application.ClientId;
                options.ClientSecret = created.ClientSecret;
                options.ResponseType = "code";
                options.ResponseMode = responseMode;
                options.UsePkce = true;
                options.RequireHttpsMetadata = false;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                foreach (var scope in scopes)
                {
                    options.Scope.Add(scope);
                }

                options.ClaimActions.MapJsonKey("organizations", "organizations");
                options.Events.OnRedirectToIdentityProvider = redirect =>
                {
                    redirect.ProtocolMessage.SetParameter("connector", connectorId);
                    return Task.CompletedTask;
                };
            });
        var app = builder.Build();
        app.MapGet("/", async (HttpContext http) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                await http.ChallengeAsync();
                return Results.Empty;
            }

            return Results.Text(string.Join('\n', http.User.Claims.Select(claim => $"{claim.Type}={claim.Value}")));
        });
        await app.StartAsync();
        return new RelyingPartyApp(app, origin);
    }

    /// <summary>Whether a browser address is the app's signed-in page (not its callback).</summary>
    public bool IsSignedInPage(string url) => url.StartsWith(Origin + "/", StringComparison.Ordinal) && !url.Contains("signin-oidc", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
