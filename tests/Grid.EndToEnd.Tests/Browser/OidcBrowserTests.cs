using System.Text.RegularExpressions;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.Login;
using Grid.EndToEnd.Tests.SignIn;
using Grpc.Core;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.Playwright;

namespace Grid.EndToEnd.Tests.Browser;

/// <summary>
/// A real relying party (<see cref="RelyingPartyApp"/>: ASP.NET Core with Microsoft.AspNetCore.Authentication.OpenIdConnect)
/// signing a user in through Grid in headless Chromium, with each way of signing in: WeCom QR (and consent), the
/// password and SMS forms, and silently inside the WeCom client. Each ends back at the app, signed in with the
/// account's claims.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed partial class OidcBrowserTests(GridHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    // WeCom's in-app browser on a desktop (its user agent names wxwork).
    private const string WeComUserAgent =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh";

    [Fact]
    public async Task AspNetCoreApp_SignsInThroughGridWithWeComQr_AndConsent_AndShowsTheAccountsClaims()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember(skip: 6);
        var origin = RelyingPartyApp.NewOrigin();
        var created = await CreateApplicationAsync(scenario.TenantId, scenario.Auth, origin, consent: true, "openid", "profile", "email", "organizations");
        await using var app = await RelyingPartyApp.StartAsync(origin, created, LoginScenario.ConnectorId, OpenIdConnectResponseMode.FormPost, "email", "organizations");
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(origin + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "QR Code (WeCom)" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(host.Simulator.BaseAddress.AbsoluteUri + "wwlogin/sso/login", StringComparison.Ordinal));
        await page.Locator($"a.member[data-userid='{member.UserId}']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).WaitForAsync();
        await ChromiumFixture.ScreenshotAsync(page, "consent-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync(app.IsSignedInPage);
        var shown = await page.Locator("body").InnerTextAsync();

        var account = (await host.DirectoryClient().LookupAccountAsync(
            new LookupAccountRequest { TenantId = scenario.TenantId, WecomUserid = member.UserId, ConnectorId = LoginScenario.ConnectorId }, scenario.Auth)).Account;
        // The handler has checked the ID token (issuer, audience, signature against the JWKS, nonce) and drops iss.
        Assert.Contains($"sub={account.AccountId}", shown, StringComparison.Ordinal);
        Assert.Contains($"name={account.DisplayName}", shown, StringComparison.Ordinal);
        Assert.Contains($"preferred_username={account.Username}", shown, StringComparison.Ordinal);
        Assert.Contains("organizations=", shown, StringComparison.Ordinal);
    }

    // The code comes back in a redirect (response_mode=query): the password post's response redirects to the authorize
    // endpoint, which redirects on to the app, and Chromium checks that whole chain against the login page's CSP
    // form-action.
    [Fact]
    public async Task AspNetCoreApp_SignsInThroughGridsPasswordForm_AndTheRedirectChainReachesTheApp()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var origin = RelyingPartyApp.NewOrigin();
        var created = await CreateApplicationAsync(tenant.TenantId, GridHostFixture.Bearer(tenant.AdminToken), origin, consent: false, "openid", "profile", "email");
        await using var app = await RelyingPartyApp.StartAsync(origin, created, SignInTenant.ConnectorId, OpenIdConnectResponseMode.Query, "email");
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(origin + "/");
        await page.GetByLabel("Username, email or mobile").FillAsync(tenant.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(SignInTenant.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(app.IsSignedInPage);
        var shown = await page.Locator("body").InnerTextAsync();

        Assert.Contains($"sub={tenant.AccountId}", shown, StringComparison.Ordinal);
        Assert.Contains($"name=User {tenant.Username}", shown, StringComparison.Ordinal);
        Assert.Contains($"preferred_username={tenant.Username}", shown, StringComparison.Ordinal);
        Assert.Contains($"email={tenant.Email}", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AspNetCoreApp_SignsInThroughGridsSmsForm_WithTheCodeFromTheSimulatorsInbox()
    {
        var tenant = await SignInTenant.CreateAsync(host, features => features.SmsFallback = true);
        var origin = RelyingPartyApp.NewOrigin();
        var created = await CreateApplicationAsync(tenant.TenantId, GridHostFixture.Bearer(tenant.AdminToken), origin, consent: false, "openid", "profile", "phone");
        await using var app = await RelyingPartyApp.StartAsync(origin, created, SignInTenant.ConnectorId, OpenIdConnectResponseMode.Query, "phone");
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(origin + "/");
        await page.GetByLabel("Mobile number").FillAsync(tenant.Mobile);
        await page.Locator("#sms-send").ClickAsync();
        await page.GetByLabel("Code from the SMS (6 digits)").FillAsync(LastCode(tenant.Mobile));
        await page.Locator("#sms-use").ClickAsync();
        await page.WaitForURLAsync(app.IsSignedInPage);
        var shown = await page.Locator("body").InnerTextAsync();

        Assert.Contains($"sub={tenant.AccountId}", shown, StringComparison.Ordinal);
        Assert.Contains($"preferred_username={tenant.Username}", shown, StringComparison.Ordinal);
        Assert.Contains($"phone_number={tenant.Mobile}", shown, StringComparison.Ordinal);
    }

    // Inside the WeCom client the member is known to WeCom: the authorize endpoint sends the browser straight to the
    // in-WeCom OAuth. The first time WeCom asks the member to share the sensitive fields (snsapi_privateinfo); once
    // consented, the next sign-in asks only snsapi_base, which WeCom answers without a page: no page shows at all.
    [Fact]
    public async Task InsideTheWeComClient_TheAppSignsInWithoutGridsLoginPage_AndSilentlyOnceConsented()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember(skip: 7);
        var origin = RelyingPartyApp.NewOrigin();
        var created = await CreateApplicationAsync(scenario.TenantId, scenario.Auth, origin, consent: false, "openid", "profile");
        await using var app = await RelyingPartyApp.StartAsync(origin, created, LoginScenario.ConnectorId, OpenIdConnectResponseMode.FormPost);
        await using var context = await chromium.NewContextAsync(new() { UserAgent = WeComUserAgent });
        await context.AddCookiesAsync([new Cookie { Name = "sim_wxwork_userid", Value = member.UserId, Url = host.Simulator.BaseAddress.AbsoluteUri }]);
        var page = await context.NewPageAsync();
        var shownPages = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Status == 200)
            {
                lock (shownPages)
                {
                    shownPages.Add(response.Url);
                }
            }
        };

        await page.GotoAsync(origin + "/");
        await page.WaitForURLAsync(url => url.Contains("scope=snsapi_privateinfo", StringComparison.Ordinal));
        var asked = page.Url;
        await page.Locator($"a.member[data-userid='{member.UserId}']").ClickAsync();
        await page.WaitForURLAsync(app.IsSignedInPage);
        var first = await page.Locator("body").InnerTextAsync();
        string[] firstPages;
        lock (shownPages)
        {
            firstPages = [.. shownPages];
            shownPages.Clear();
        }

        // Signed out of the app and of Grid; WeCom's client still knows its member, Grid its consent.
        await context.ClearCookiesAsync(new() { Name = ".AspNetCore.Cookies" });
        await context.ClearCookiesAsync(new() { Name = "grid_session" });
        await page.GotoAsync(origin + "/");
        await page.WaitForURLAsync(app.IsSignedInPage);
        var second = await page.Locator("body").InnerTextAsync();
        string[] secondPages;
        lock (shownPages)
        {
            secondPages = [.. shownPages];
        }

        var account = (await host.DirectoryClient().LookupAccountAsync(
            new LookupAccountRequest { TenantId = scenario.TenantId, WecomUserid = member.UserId, ConnectorId = LoginScenario.ConnectorId }, scenario.Auth)).Account;
        Assert.StartsWith(host.Simulator.BaseAddress.AbsoluteUri + "connect/oauth2/authorize", asked, StringComparison.Ordinal);
        Assert.Contains($"sub={account.AccountId}", first, StringComparison.Ordinal);
        Assert.Contains($"sub={account.AccountId}", second, StringComparison.Ordinal);
        var loginPage = host.HttpAddress.AbsoluteUri + $"t/{scenario.TenantId}/login?";
        Assert.DoesNotContain(firstPages, url => url.StartsWith(loginPage, StringComparison.Ordinal));

        // The second time: no page but the app's own (and OpenIddict's form_post page that carries the code to it).
        Assert.DoesNotContain(secondPages, url => url.StartsWith(host.Simulator.BaseAddress.AbsoluteUri, StringComparison.Ordinal));
        Assert.DoesNotContain(secondPages, url => url.StartsWith(loginPage, StringComparison.Ordinal));
    }

    private async Task<CreateApplicationResponse> CreateApplicationAsync(string tenantId, Metadata auth, string origin, bool consent, params string[] scopes) =>
        await host.AdminClient().CreateApplicationAsync(
            new CreateApplicationRequest
            {
                TenantId = tenantId,
                DisplayName = "Team wiki",
                RedirectUris = { origin + "/signin-oidc" },
                Scopes = { scopes },
                ConsentRequired = consent,
            },
            auth);

    private string LastCode(string mobile)
    {
        var message = host.Simulator.Simulator.Sms.LastTo(mobile) ?? throw new InvalidOperationException($"no SMS reached {mobile}");
        return SixDigits().Match(message.Text).Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
