using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.Login;
using Grid.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Grid.EndToEnd.Tests.Browser;

/// <summary>
/// A real relying party (ASP.NET Core with Microsoft.AspNetCore.Authentication.OpenIdConnect) on loopback, signing a
/// user in through Grid in headless Chromium: the app, Grid's login page, WeCom's QR page (the simulator), Grid's
/// consent page, back to the app, signed in with the account's claims.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class OidcBrowserTests(GridHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task AspNetCoreApp_SignsInThroughGridWithWeComQr_AndConsent_AndShowsTheAccountsClaims()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember(skip: 6);
        var appOrigin = $"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}";
        var created = await host.AdminClient().CreateApplicationAsync(
            new CreateApplicationRequest
            {
                TenantId = scenario.TenantId,
                DisplayName = "Team wiki",
                RedirectUris = { appOrigin + "/signin-oidc" },
                Scopes = { "openid", "profile", "email", "organizations" },
                ConsentRequired = true,
            },
            scenario.Auth);
        await using var app = await StartAppAsync(appOrigin, created);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(appOrigin + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "QR Code (WeCom)" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(host.Simulator.BaseAddress.AbsoluteUri + "wwlogin/sso/login", StringComparison.Ordinal));
        await page.Locator($"a.member[data-userid='{member.UserId}']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).WaitForAsync();
        await ChromiumFixture.ScreenshotAsync(page, "consent-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(appOrigin + "/", StringComparison.Ordinal) && !url.Contains("signin-oidc", StringComparison.Ordinal));
        var shown = await page.Locator("body").InnerTextAsync();

        var account = (await host.DirectoryClient().LookupAccountAsync(
            new LookupAccountRequest { TenantId = scenario.TenantId, WecomUserid = member.UserId, ConnectorId = LoginScenario.ConnectorId }, scenario.Auth)).Account;
        // The handler has checked the ID token (issuer, audience, signature against the JWKS, nonce) and drops iss.
        Assert.Contains($"sub={account.AccountId}", shown, StringComparison.Ordinal);
        Assert.Contains($"name={account.DisplayName}", shown, StringComparison.Ordinal);
        Assert.Contains($"preferred_username={account.Username}", shown, StringComparison.Ordinal);
        Assert.Contains("organizations=", shown, StringComparison.Ordinal);
    }

    // The relying party: every page requires a user; "/" lists the user's claims as "type=value" lines.
    private async Task<WebApplication> StartAppAsync(string origin, CreateApplicationResponse created)
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
                options.UsePkce = true;
                options.RequireHttpsMetadata = false;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.Scope.Add("email");
                options.Scope.Add("organizations");
                options.ClaimActions.MapJsonKey("organizations", "organizations");
                options.Events.OnRedirectToIdentityProvider = redirect =>
                {
                    // Grid's own authorization parameter: the connector whose login page to show.
                    redirect.ProtocolMessage.SetParameter("connector", LoginScenario.ConnectorId);
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
        return app;
    }
}
