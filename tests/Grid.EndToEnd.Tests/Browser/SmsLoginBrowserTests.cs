using System.Text.RegularExpressions;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.SignIn;
using Grpc.Core;
using Microsoft.Playwright;

namespace Grid.EndToEnd.Tests.Browser;

/// <summary>The login page's SMS fallback and its password reset by SMS code, in headless Chromium, codes read from the simulator's SMS inbox.</summary>
[Collection(GridHostCollection.Name)]
public sealed partial class SmsLoginBrowserTests(GridHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly PageGotoOptions Load = new() { WaitUntil = WaitUntilState.Load };

    [Fact]
    public async Task SmsFallback_SendsACodeToTheSimulatorsInbox_SignsInWithIt_AndTellsOfWrongCodesAndOfTheResendWait()
    {
        var tenant = await SignInTenant.CreateAsync(host, features => features.SmsFallback = true);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(LoginPage(tenant), Load);
        await ChromiumFixture.ScreenshotAsync(page, "login-page-fallbacks");
        await page.GetByLabel("Mobile number").FillAsync(tenant.Mobile);
        await page.Locator("#sms-send").ClickAsync();
        var sent = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        var code = LastCode(tenant);
        await page.Locator("#sms-send").ClickAsync();
        var resend = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.GetByLabel("Code from the SMS (6 digits)").FillAsync(code == "000000" ? "111111" : "000000");
        await page.Locator("#sms-use").ClickAsync();
        var wrong = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.GetByLabel("Code from the SMS (6 digits)").FillAsync(code);
        await page.Locator("#sms-use").ClickAsync();
        await page.Locator("#signed-in").WaitForAsync();
        var cookies = await context.CookiesAsync([host.HttpAddress.AbsoluteUri + $"t/{tenant.TenantId}/login"]);

        Assert.Contains($"If {tenant.Mobile} is the mobile of an account, a code is on its way", sent, StringComparison.Ordinal);
        Assert.Matches(@"^A code was sent to this mobile just now\. Try again in \d+ seconds\.$", resend);
        Assert.Equal("The code is not right, or it has expired or been used. Ask for a new code.", wrong);
        Assert.Contains($"as User {tenant.Username}", await page.Locator("#signed-in").InnerTextAsync(), StringComparison.Ordinal);
        var session = Assert.Single(cookies, cookie => cookie.Name == "grid_session");
        Assert.Equal("sms", (await tenant.ValidateAsync(session.Value)).Claims["amr"]);
    }

    [Fact]
    public async Task ForgotPassword_ResetsItWithAnSmsCode_EndsTheOtherSessions_AndTheNewPasswordSignsIn()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var earlier = await tenant.LoginAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(LoginPage(tenant), Load);
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Mobile number").FillAsync(tenant.Mobile);
        await page.Locator("#sms-send").ClickAsync();
        var code = LastCode(tenant);

        // The browser itself holds back a password under the field's minlength; the server's own check, posted directly,
        // refuses it before the code is spent.
        var tooShort = await context.APIRequest.PostAsync($"{host.HttpAddress.AbsoluteUri}t/{tenant.TenantId}/login/reset", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = host.HttpAddress.GetLeftPart(UriPartial.Authority) },
            Form = FormOf(context, ("connector", SignInTenant.ConnectorId), ("mobile", tenant.Mobile), ("code", code), ("new_password", "short")),
        });
        var tooShortPage = await tooShort.TextAsync();
        await page.GetByLabel("Code from the SMS (6 digits)").FillAsync(code);
        await page.GetByLabel("New password", new() { Exact = false }).FillAsync("a brand new passphrase");
        await page.Locator("#sms-use").ClickAsync();
        await page.Locator("#password-changed").WaitForAsync();
        var refresh = await Assert.ThrowsAsync<RpcException>(() => tenant.RefreshAsync(earlier.RefreshToken));
        var validate = await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync(earlier.AccessToken));
        await page.Locator("#back-to-login").ClickAsync();
        await page.GetByLabel("Username, email or mobile").FillAsync(tenant.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a brand new passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#signed-in").WaitForAsync();

        Assert.Equal(400, tooShort.Status);
        Assert.Contains("The new password must be 8 to 256 characters.", tooShortPage, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, refresh.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, validate.StatusCode);
    }

    [Fact]
    public async Task SmsForm_PostedFromAnotherOrigin_IsRefused_AndSendsNothing()
    {
        var tenant = await SignInTenant.CreateAsync(host, features => features.SmsFallback = true);
        await using var context = await chromium.NewContextAsync();
        var before = host.Simulator.Simulator.Sms.Messages.Count;

        var response = await context.APIRequest.PostAsync($"{host.HttpAddress.AbsoluteUri}t/{tenant.TenantId}/login/sms/send", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = "https://attacker.example" },
            Form = FormOf(context, ("connector", SignInTenant.ConnectorId), ("mobile", tenant.Mobile)),
        });

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain(host.Simulator.Simulator.Sms.Messages.Skip(before), m => m.Mobile == tenant.Mobile);
    }

    private static IFormData FormOf(IBrowserContext context, params (string Name, string Value)[] fields)
    {
        var form = context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }

    private string LoginPage(SignInTenant tenant) => $"{host.HttpAddress.AbsoluteUri}t/{tenant.TenantId}/login?connector={SignInTenant.ConnectorId}";

    private string LastCode(SignInTenant tenant)
    {
        var message = host.Simulator.Simulator.Sms.LastTo(tenant.Mobile) ?? throw new InvalidOperationException($"no SMS reached {tenant.Mobile}");
        return SixDigits().Match(message.Text).Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
