using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.SignIn;
using Microsoft.Playwright;

namespace Grid.EndToEnd.Tests.Browser;

/// <summary>A member without an email gives a personal one after signing in, in headless Chromium, and confirms it from the simulator's email inbox.</summary>
[Collection(GridHostCollection.Name)]
public sealed class PersonalEmailBrowserTests(GridHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly PageGotoOptions Load = new() { WaitUntil = WaitUntilState.Load };

    [Fact]
    public async Task SignedInWithoutAnEmail_GivesAPersonalOne_ItStaysUnverified_UntilTheMailedLinkIsConfirmed()
    {
        var tenant = await PersonalEmailTests.TenantWithoutEmailAsync(host);
        var address = $"{tenant.Username}@personal.example.net";
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{host.HttpAddress.AbsoluteUri}t/{tenant.TenantId}/login?connector={SignInTenant.ConnectorId}", Load);
        await page.GetByLabel("Username, email or mobile").FillAsync(tenant.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(SignInTenant.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#give-email").ClickAsync();
        await page.GetByLabel("Personal email").FillAsync(address);
        await page.Locator("#email-send").ClickAsync();
        await page.Locator("#email-sent").WaitForAsync();
        await page.GotoAsync($"{host.HttpAddress.AbsoluteUri}t/{tenant.TenantId}/account/email", Load);
        var unverified = await page.Locator("#email-state").InnerTextAsync();
        await ChromiumFixture.ScreenshotAsync(page, "personal-email-page");
        var before = await PersonalEmailTests.AccountAsync(host, tenant);
        await page.GotoAsync(PersonalEmailTests.LinkTo(host, address).AbsoluteUri, Load);
        await page.Locator("#email-confirm").ClickAsync();
        var confirmed = await page.Locator("#email-confirmed").InnerTextAsync();
        await page.GotoAsync($"{host.HttpAddress.AbsoluteUri}t/{tenant.TenantId}/account/email", Load);
        var verified = await page.Locator("#email-state").InnerTextAsync();
        var after = await PersonalEmailTests.AccountAsync(host, tenant);

        Assert.Equal($"Your personal email is {address}: unverified until you open the link sent to it.", unverified);
        Assert.Equal((address, false), (before.PersonalEmail, before.PersonalEmailVerified));
        Assert.Equal("Your email is confirmed.", confirmed);
        Assert.Equal($"Your personal email is {address}: verified.", verified);
        Assert.Equal((address, true), (after.PersonalEmail, after.PersonalEmailVerified));
    }
}
