using System.Net;
using System.Text.RegularExpressions;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.Login;

namespace Grid.EndToEnd.Tests.SignIn;

/// <summary>
/// A member whose account has no email gives a personal one on Grid's page over real HTTP: the link lands in the
/// simulator's email inbox, the account reads unverified over gRPC until the link is used, then verified; a reused,
/// forged or cross-site attempt changes nothing, and an account with a WeCom email cannot give one.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed partial class PersonalEmailTests(GridHostFixture host) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.HttpAddress };

    [Fact]
    public async Task PersonalEmail_GivenOnThePage_IsUnverified_UntilTheMailedLinkIsConfirmed_AndTheLinkWorksOnce()
    {
        var tenant = await TenantWithoutEmailAsync(host);
        var address = $"{tenant.Username}@personal.example.net";
        var session = await SignInAsync(tenant, expectEmailLink: true);

        using var page = await SendAsync(HttpMethod.Get, $"/t/{tenant.TenantId}/account/email", session);
        using var crossSite = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/account/email", session, new() { ["email"] = address }, origin: "https://evil.example");
        var afterCrossSite = await AccountAsync(host, tenant);
        using var given = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/account/email", session, new() { ["email"] = address });
        var unverified = await AccountAsync(host, tenant);
        var link = LinkTo(host, address);
        using var linkPage = await _http.GetAsync(link.PathAndQuery);
        var token = Uri.UnescapeDataString(TokenField().Match(link.Query).Groups[1].Value);
        using var forged = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/account/email/confirm", null, new() { ["token"] = tenant.AccountId + ".forged" });
        var afterForged = await AccountAsync(host, tenant);
        using var confirmed = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/account/email/confirm", null, new() { ["token"] = token });
        var verified = await AccountAsync(host, tenant);
        using var reused = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/account/email/confirm", null, new() { ["token"] = token });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Your account has no email.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);
        Assert.Equal(("", false), (afterCrossSite.PersonalEmail, afterCrossSite.PersonalEmailVerified));
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Contains("expires in 30 minutes", await given.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("", address, false), (unverified.Email, unverified.PersonalEmail, unverified.PersonalEmailVerified));
        Assert.Equal(host.HttpAddress.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        Assert.Contains("id=\"email-confirm\"", await linkPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Link not valid", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(afterForged.PersonalEmailVerified);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal((address, true), (verified.PersonalEmail, verified.PersonalEmailVerified));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("Link already used", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await AccountAsync(host, tenant)).PersonalEmailVerified);
    }

    [Fact]
    public async Task AnExpiredLink_ShowsTheLinkExpiredPage_AndChangesNothing()
    {
        var tenant = await TenantWithoutEmailAsync(host);
        var address = $"{tenant.Username}@personal.example.net";
        var session = await SignInAsync(tenant, expectEmailLink: true);
        using var given = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/account/email", session, new() { ["email"] = address });
        var link = LinkTo(host, address);
        var token = Uri.UnescapeDataString(TokenField().Match(link.Query).Groups[1].Value);

        // Past Grid:Sessions:PersonalEmailTokenLifetime (30 minutes) on the host's clock, then back.
        host.HostClock.Shift = new Grains.Sessions.SessionOptions().PersonalEmailTokenLifetime + TimeSpan.FromSeconds(5);
        HttpResponseMessage expired;
        try
        {
            expired = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/account/email/confirm", null, new() { ["token"] = token });
        }
        finally
        {
            host.HostClock.Shift = TimeSpan.Zero;
        }

        using (expired)
        {
            var page = await expired.Content.ReadAsStringAsync();
            var afterExpired = await AccountAsync(host, tenant);

            Assert.Equal(HttpStatusCode.OK, given.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
            Assert.Contains("Link expired", page, StringComparison.Ordinal);
            Assert.Contains("Give your email again to get a new one.", page, StringComparison.Ordinal);
            Assert.Equal((address, false), (afterExpired.PersonalEmail, afterExpired.PersonalEmailVerified));
        }

        // Refused for its age alone: within its lifetime the same link still confirms (the refusal spent nothing).
        using var confirmed = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/account/email/confirm", null, new() { ["token"] = token });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True((await AccountAsync(host, tenant)).PersonalEmailVerified);
    }

    [Fact]
    public async Task PersonalEmail_ForAnAccountWithAWeComEmail_IsRefused_AndNothingIsSent()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var session = await SignInAsync(tenant, expectEmailLink: false);
        var before = host.Simulator.Simulator.Email.Messages.Count;

        using var given = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/account/email", session, new() { ["email"] = "other@personal.example.net" });
        var account = await AccountAsync(host, tenant);

        Assert.Equal(HttpStatusCode.Conflict, given.StatusCode);
        Assert.Contains("from WeCom", await given.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((tenant.Email, ""), (account.Email, account.PersonalEmail));
        Assert.Equal(before, host.Simulator.Simulator.Email.Messages.Count);
    }

    [Fact]
    public async Task PersonalEmailPage_WithoutASession_AsksToSignIn()
    {
        var tenant = await TenantWithoutEmailAsync(host);

        using var page = await SendAsync(HttpMethod.Get, $"/t/{tenant.TenantId}/account/email", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("Sign in first", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A sign-in tenant whose account has no email (as a member WeCom gave none and who consented to none).</summary>
    internal static async Task<SignInTenant> TenantWithoutEmailAsync(GridHostFixture host)
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var grain = host.Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant.TenantId, tenant.AccountId));
        var account = await grain.Get();
        await grain.Update(account!.Profile with { Email = null });
        return tenant;
    }

    // The password form without a return address: the signed-in page, which links to the email page when there is no email.
    private async Task<string> SignInAsync(SignInTenant tenant, bool expectEmailLink)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/t/{tenant.TenantId}/login/password", null, new()
        {
            ["connector"] = SignInTenant.ConnectorId,
            ["login"] = tenant.Username,
            ["password"] = SignInTenant.Password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectEmailLink, (await response.Content.ReadAsStringAsync()).Contains($"href=\"/t/{tenant.TenantId}/account/email\"", StringComparison.Ordinal));
        return LoginPageClient.SetCookies(response).Single(c => c.Name == LoginPageClient.SessionCookie).Value;
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? session, Dictionary<string, string>? form = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (session is not null)
        {
            request.Headers.Add("Cookie", $"{LoginPageClient.SessionCookie}={session}");
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
            request.Headers.Add("Origin", origin ?? host.HttpAddress.GetLeftPart(UriPartial.Authority));
        }

        return await _http.SendAsync(request);
    }

    /// <summary>The account as Directory.GetAccount answers it.</summary>
    internal static async Task<Account> AccountAsync(GridHostFixture host, SignInTenant tenant)
    {
        var (clientId, secret) = await host.CreateClientAsync(tenant.TenantId, GridScopes.DirectoryRead);
        var token = await host.IssueTokenAsync(clientId, secret);
        return (await host.DirectoryClient().GetAccountAsync(
            new GetAccountRequest { TenantId = tenant.TenantId, AccountId = tenant.AccountId }, GridHostFixture.Bearer(token))).Account;
    }

    /// <summary>The confirmation link in the newest email the simulator's inbox holds for the address.</summary>
    internal static Uri LinkTo(GridHostFixture host, string address) =>
        LinkIn(host.Simulator.Simulator.Email.Messages.Last(m => m.To == address).Text);

    private static Uri LinkIn(string text) => new(ConfirmLink().Match(text).Value);

    [GeneratedRegex(@"https?://\S+/account/email/confirm\?token=\S+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("token=([^&]+)")]
    private static partial Regex TokenField();
}
