using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.Login;
using Microsoft.Playwright;

namespace Grid.EndToEnd.Tests.Browser;

/// <summary>The login pages in headless Chromium, against the real host and the simulated WeCom's own pages.</summary>
[Collection(GridHostCollection.Name)]
public sealed class LoginPageBrowserTests(GridHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    // The cookies' names are part of the pages' contract (README): the session, and the login's browser binding.
    private const string SessionCookie = "grid_session";
    private const string BindingCookie = "grid_login";

    private static readonly PageGotoOptions Load = new() { WaitUntil = WaitUntilState.Load };

    [Fact]
    public async Task QrLogin_ThroughTheSimulatorsQrPage_SignsIn_WithASecureHttpOnlySameSiteSessionCookie()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(LoginPage(scenario), Load);
        await ChromiumFixture.ScreenshotAsync(page, "login-page");
        await page.GetByRole(AriaRole.Link, new() { Name = "QR Code (WeCom)" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(host.Simulator.BaseAddress.AbsoluteUri + "wwlogin/sso/login", StringComparison.Ordinal));
        await page.Locator($"a.member[data-userid='{member.UserId}']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login/wecom/callback", StringComparison.Ordinal));
        var cookies = await context.CookiesAsync([host.HttpAddress.AbsoluteUri + $"t/{scenario.TenantId}/login"]);

        Assert.Contains($"as {member.Name}", await page.Locator("#signed-in").InnerTextAsync(), StringComparison.Ordinal);
        var session = Assert.Single(cookies, cookie => cookie.Name == SessionCookie);
        Assert.True(session.HttpOnly);
        Assert.True(session.Secure);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        Assert.DoesNotContain(cookies, cookie => cookie.Name == BindingCookie);
    }

    [Fact]
    public async Task WebLogin_WithConsent_KeepsTheConsentedFields_AndTheNextWebLoginAsksForNothingNew()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember(skip: 3);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(LoginPage(scenario), Load);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in inside WeCom" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("scope=snsapi_privateinfo", StringComparison.Ordinal));
        await page.Locator($"a.member[data-userid='{member.UserId}']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login/wecom/callback", StringComparison.Ordinal));
        await page.Locator("#signed-in").WaitForAsync();
        var stored = await host.Grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(scenario.TenantId, LoginScenario.ConnectorId, member.UserId)).Get();

        await page.GotoAsync(LoginPage(scenario), Load);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in inside WeCom" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(host.Simulator.BaseAddress.AbsoluteUri, StringComparison.Ordinal));

        Assert.NotNull(stored!.ConsentExpiresAt);
        Assert.Equal(member.Mobile, stored.ConsentedFields["mobile"]);
        Assert.Contains("scope=snsapi_base", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedState_AndReusedCode_ShowClearErrorPages_AndSetNoSession()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember(skip: 4);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(LoginPage(scenario), Load);
        await page.GetByRole(AriaRole.Link, new() { Name = "QR Code (WeCom)" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(host.Simulator.BaseAddress.AbsoluteUri, StringComparison.Ordinal));

        // The member's link on WeCom's page leads (by 302) to the callback: stop there, alter the state, then go on.
        var callback = await FollowToCallbackAsync(context, page, member.UserId);
        var tampered = await page.GotoAsync(callback.Replace("state=", "state=X", StringComparison.Ordinal), Load);
        var tamperedText = await page.Locator("#error").InnerTextAsync();
        var afterTamper = await context.CookiesAsync([host.HttpAddress.AbsoluteUri + $"t/{scenario.TenantId}"]);

        await page.GotoAsync(LoginPage(scenario), Load);
        await page.GetByRole(AriaRole.Link, new() { Name = "QR Code (WeCom)" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(host.Simulator.BaseAddress.AbsoluteUri, StringComparison.Ordinal));
        var good = await FollowToCallbackAsync(context, page, member.UserId);
        await page.GotoAsync(good, Load);
        await page.Locator("#signed-in").WaitForAsync();
        var reused = await page.GotoAsync(good, Load);
        var reusedText = await page.Locator("#error").InnerTextAsync();
        await ChromiumFixture.ScreenshotAsync(page, "error-page");

        Assert.Equal(400, tampered!.Status);
        Assert.Contains("not valid", tamperedText, StringComparison.Ordinal);
        Assert.DoesNotContain(afterTamper, cookie => cookie.Name == SessionCookie);
        Assert.Equal(400, reused!.Status);
        Assert.Contains("already been used", reusedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordFallback_BesideTheWeComOptions_SignsIn_AndAWrongPasswordShowsAnAlert()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember(skip: 5);
        var linked = await host.Grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(scenario.TenantId, LoginScenario.ConnectorId, member.UserId)).Get();
        var account = await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account(scenario.TenantId, linked!.AccountId!)).Get();
        await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account(scenario.TenantId, account!.AccountId)).SetPassword("correct horse battery staple");
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(LoginPage(scenario), Load);
        await page.GetByLabel("Username, email or mobile").FillAsync(account.Profile.Username!);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("correct horse battery staple");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#signed-in").WaitForAsync();
        var cookies = await context.CookiesAsync([host.HttpAddress.AbsoluteUri + $"t/{scenario.TenantId}/login"]);

        Assert.Equal("The username or password is not right.", alert);
        Assert.Contains($"as {account.Profile.DisplayName}", await page.Locator("#signed-in").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(cookies, cookie => cookie.Name == SessionCookie);
    }

    private string LoginPage(LoginScenario scenario) => $"{host.HttpAddress.AbsoluteUri}t/{scenario.TenantId}/login?connector={LoginScenario.ConnectorId}";

    // The callback address the member's link on the simulator's page redirects to, without following it.
    private static async Task<string> FollowToCallbackAsync(IBrowserContext context, IPage page, string userId)
    {
        var href = await page.Locator($"a.member[data-userid='{userId}']").GetAttributeAsync("href");
        var response = await context.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).AbsoluteUri, new() { MaxRedirects = 0 });
        return response.Headers["location"];
    }
}
