using System.Net;
using System.Text.RegularExpressions;
using Grid.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Grid.EndToEnd.Tests.Oidc;

/// <summary>The consent page of an application that requires consent, remembered; and end-session.</summary>
[Collection(GridHostCollection.Name)]
public sealed partial class OidcConsentAndSignOutTests(GridHostFixture host)
{
    [Fact]
    public async Task ConsentRequired_AsksOnce_AllowIsRemembered_AndDenyAnswersAccessDenied()
    {
        using var client = await OidcClient.CreateAsync(host, request => request.ConsentRequired = true);
        var verifier = OidcClient.NewVerifier();
        var (session, returnTo) = await client.SignInFromAuthorizeAsync(verifier);

        using var page = await client.SendWithSessionAsync(HttpMethod.Get, returnTo, session);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Allow Test app?", html, StringComparison.Ordinal);
        Assert.Contains("Your email address", html, StringComparison.Ordinal);
        var fields = HiddenFields(html);
        Assert.Equal(client.Application.ClientId, fields["client_id"]);

        // A forged answer from another origin changes nothing.
        using var forged = new HttpRequestMessage(HttpMethod.Post, client.TenantPath("connect/authorize"))
        {
            Content = new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("consent", "allow"))),
        };
        forged.Headers.Add("Cookie", "grid_session=" + session);
        forged.Headers.Add("Origin", "https://evil.example.com");
        using var refused = await client.Http.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var allowed = await client.SendWithSessionAsync(
            HttpMethod.Post, client.TenantPath("connect/authorize"), session, new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("consent", "allow"))));
        var code = OidcClient.CodeOf(allowed, verifier);
        Assert.Equal(HttpStatusCode.OK, (await client.RedeemAsync(code, verifier)).Status);

        // Remembered: the next sign-in of this user to this application asks nothing.
        var next = OidcClient.NewVerifier();
        using var silent = await client.SendWithSessionAsync(HttpMethod.Get, client.AuthorizePath(next), session);
        OidcClient.CodeOf(silent, next);

        // Fewer scopes than consented to ask nothing either; prompt=consent asks again, and a denial sends
        // access_denied to the application.
        var wider = OidcClient.NewVerifier();
        using var asked = await client.SendWithSessionAsync(HttpMethod.Get, client.AuthorizePath(wider, scope: "openid profile"), session);
        OidcClient.CodeOf(asked, wider);
        using var prompted = await client.SendWithSessionAsync(HttpMethod.Get, client.AuthorizePath(wider) + "&prompt=consent", session);
        Assert.Equal(HttpStatusCode.OK, prompted.StatusCode);
        using var denied = await client.SendWithSessionAsync(
            HttpMethod.Post, client.TenantPath("connect/authorize"), session,
            new FormUrlEncodedContent(HiddenFields(await prompted.Content.ReadAsStringAsync()).Append(KeyValuePair.Create("consent", "deny"))));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("access_denied", QueryHelpers.ParseQuery(denied.Headers.Location!.Query)["error"].ToString());
    }

    [Fact]
    public async Task EndSession_RevokesTheGridSession_AndReturnsToTheRegisteredAddressOnly()
    {
        using var client = await OidcClient.CreateAsync(host);
        var verifier = OidcClient.NewVerifier();
        var (session, _) = await client.SignInFromAuthorizeAsync(verifier);

        var unregistered = QueryHelpers.AddQueryString(client.TenantPath("connect/endsession"), new Dictionary<string, string?>
        {
            ["client_id"] = client.Application.ClientId, ["post_logout_redirect_uri"] = "http://127.0.0.1:9/elsewhere",
        });
        using var refused = await client.SendWithSessionAsync(HttpMethod.Get, unregistered, session);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);

        var registered = QueryHelpers.AddQueryString(client.TenantPath("connect/endsession"), new Dictionary<string, string?>
        {
            ["client_id"] = client.Application.ClientId, ["post_logout_redirect_uri"] = OidcClient.PostLogoutUri, ["state"] = "bye",
        });
        using var signedOut = await client.SendWithSessionAsync(HttpMethod.Get, registered, session);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(OidcClient.PostLogoutUri + "?state=bye", signedOut.Headers.Location!.OriginalString);
        Assert.Contains(signedOut.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("grid_session=;", StringComparison.Ordinal));

        // The old cookie no longer signs anyone in: authorize sends to the login page again.
        using var after = await client.SendWithSessionAsync(HttpMethod.Get, client.AuthorizePath(OidcClient.NewVerifier()), session);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith(client.TenantPath("login?return_to="), after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> HiddenFields(string html) => HiddenField().Matches(html)
        .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
