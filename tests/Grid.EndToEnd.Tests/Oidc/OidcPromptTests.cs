using System.Globalization;
using System.Net;
using Grid.Abstractions.Sessions;
using Grid.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Grid.EndToEnd.Tests.Oidc;

/// <summary>prompt=login, max_age and prompt=none at the authorize endpoint; auth_time in the ID token.</summary>
[Collection(GridHostCollection.Name)]
public sealed class OidcPromptTests(GridHostFixture host)
{
    [Fact]
    public async Task PromptLogin_WithASession_AsksForAFreshSignIn_AndTheIdTokenCarriesItsAuthTime()
    {
        using var client = await OidcClient.CreateAsync(host);
        var (session, _) = await client.SignInFromAuthorizeAsync(OidcClient.NewVerifier());
        var verifier = OidcClient.NewVerifier();

        using var asked = await client.SendWithSessionAsync(HttpMethod.Get, client.AuthorizePath(verifier) + "&prompt=login", session);
        var returnTo = client.LoginReturnAddress(asked);
        Assert.DoesNotContain("prompt=", returnTo, StringComparison.Ordinal);

        // Back without signing in again: the same session is still not a fresh sign-in.
        using var unchanged = await client.SendWithSessionAsync(HttpMethod.Get, returnTo, session);
        Assert.Equal(returnTo, client.LoginReturnAddress(unchanged));

        var fresh = await client.SignInAsync(returnTo);
        using var answer = await client.SendWithSessionAsync(HttpMethod.Get, returnTo, fresh);
        var (status, tokens) = await client.RedeemAsync(OidcClient.CodeOf(answer, verifier), verifier);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(await SignedInAtAsync(client, fresh), AuthTime(tokens));
    }

    [Fact]
    public async Task MaxAge_AYoungerSessionAnswersAtOnce_AnOlderOneSendsToTheLoginPage_AndAFreshSignInSatisfiesEvenZero()
    {
        using var client = await OidcClient.CreateAsync(host);
        var (session, _) = await client.SignInFromAuthorizeAsync(OidcClient.NewVerifier());

        var young = OidcClient.NewVerifier();
        using var atOnce = await client.SendWithSessionAsync(HttpMethod.Get, client.AuthorizePath(young) + "&max_age=3600", session);
        var (status, tokens) = await client.RedeemAsync(OidcClient.CodeOf(atOnce, young), young);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(await SignedInAtAsync(client, session), AuthTime(tokens));

        // max_age=0: any sign-in before this request is too old; with prompt=none that is login_required.
        var old = OidcClient.NewVerifier();
        using var silent = await client.SendWithSessionAsync(HttpMethod.Get, client.AuthorizePath(old) + "&max_age=0&prompt=none", session);
        Assert.Equal("login_required", ErrorOf(silent, old));
        using var tooOld = await client.SendWithSessionAsync(HttpMethod.Get, client.AuthorizePath(old) + "&max_age=0", session);
        var returnTo = client.LoginReturnAddress(tooOld);

        // The fresh sign-in answers the same request (max_age=0 included), with no loop back to the login page.
        var fresh = await client.SignInAsync(returnTo);
        using var answer = await client.SendWithSessionAsync(HttpMethod.Get, returnTo, fresh);
        var (freshStatus, freshTokens) = await client.RedeemAsync(OidcClient.CodeOf(answer, old), old);
        Assert.Equal(HttpStatusCode.OK, freshStatus);
        Assert.Equal(await SignedInAtAsync(client, fresh), AuthTime(freshTokens));
    }

    [Fact]
    public async Task PromptNone_WithoutASession_AnswersLoginRequiredToTheApplication()
    {
        using var client = await OidcClient.CreateAsync(host);
        var verifier = OidcClient.NewVerifier();

        using var answer = await client.Http.GetAsync(client.AuthorizePath(verifier) + "&prompt=none");

        Assert.Equal("login_required", ErrorOf(answer, verifier));
    }

    // The application's redirect URI with an error and the request's state.
    private static string ErrorOf(HttpResponseMessage answer, string verifier)
    {
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        Assert.StartsWith(OidcClient.RedirectUri + "?", callback.OriginalString, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("st-" + verifier[..8], query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
        return query["error"].ToString();
    }

    private static long AuthTime(System.Text.Json.JsonElement tokens) =>
        long.Parse(OidcClient.Jwt(tokens, "id_token").GetClaim("auth_time").Value, CultureInfo.InvariantCulture);

    // When the session of a grid_session cookie (the user's access token) began, in Unix seconds.
    private async Task<long> SignedInAtAsync(OidcClient client, string sessionCookie)
    {
        var sessionId = new JsonWebToken(sessionCookie).GetClaim("sid").Value;
        var view = await host.Grains.GetGrain<ISessionGrain>(SessionKeys.Session(client.Tenant.TenantId, sessionId)).Get();
        return view!.CreatedAt.ToUnixTimeSeconds();
    }
}
