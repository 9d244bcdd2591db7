using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.EndToEnd.Tests.Infrastructure;

namespace Grid.EndToEnd.Tests.Oidc;

/// <summary>The OpenID Connect provider over real HTTP on loopback: discovery, the code flow and its refusals.</summary>
[Collection(GridHostCollection.Name)]
public sealed class OidcProviderTests(GridHostFixture host)
{
    [Fact]
    public async Task Discovery_CarriesTheRequiredFields_ForTheTenantsIssuer()
    {
        using var client = await OidcClient.CreateAsync(host);
        var document = await client.Http.GetFromJsonAsync<JsonElement>(client.TenantPath(".well-known/openid-configuration"));

        var issuer = document.GetProperty("issuer").GetString();
        Assert.Equal(client.Issuer, issuer);
        Assert.EndsWith($"/t/{client.Tenant.TenantId}/", issuer, StringComparison.Ordinal);
        foreach (var (field, path) in new[]
        {
            ("authorization_endpoint", "connect/authorize"), ("token_endpoint", "connect/token"), ("userinfo_endpoint", "connect/userinfo"),
            ("end_session_endpoint", "connect/endsession"), ("jwks_uri", ".well-known/jwks"), ("revocation_endpoint", "connect/revoke"),
        })
        {
            Assert.Equal(issuer + path, document.GetProperty(field).GetString());
        }

        Assert.Equal(["code"], Strings(document, "response_types_supported"));
        Assert.Contains("public", Strings(document, "subject_types_supported"));
        Assert.Contains("ES256", Strings(document, "id_token_signing_alg_values_supported"));
        Assert.Equal(["S256"], Strings(document, "code_challenge_methods_supported"));
        Assert.Contains("organizations", Strings(document, "scopes_supported"));

        var keys = await client.Http.GetFromJsonAsync<JsonElement>(client.TenantPath(".well-known/jwks"));
        Assert.Contains(keys.GetProperty("keys").EnumerateArray(), key => key.GetProperty("kty").GetString() == "EC");
    }

    [Fact]
    public async Task CodeFlow_WithPasswordSignIn_IssuesTokensWithTheAccountsClaims_AndAReplayedCodeRevokesTheGrant()
    {
        using var client = await OidcClient.CreateAsync(host);
        var verifier = OidcClient.NewVerifier();
        var code = await client.AuthorizeAsync(verifier);

        var (status, tokens) = await client.RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = OidcClient.Jwt(tokens, "id_token");
        Assert.Equal(client.Issuer, idToken.Issuer);
        Assert.Equal(client.Tenant.AccountId, idToken.Subject);
        Assert.Equal(client.Application.ClientId, Assert.Single(idToken.Audiences));
        Assert.Equal("n-" + verifier[..8], idToken.GetClaim("nonce").Value);
        Assert.Equal(client.Tenant.Username, idToken.GetClaim("preferred_username").Value);
        Assert.Equal(client.Tenant.Email, idToken.GetClaim("email").Value);
        Assert.False(idToken.TryGetClaim("grid_tid", out _));

        using var userInfo = new HttpRequestMessage(HttpMethod.Get, client.TenantPath("connect/userinfo"));
        userInfo.Headers.Authorization = new("Bearer", tokens.GetProperty("access_token").GetString());
        using var info = await client.Http.SendAsync(userInfo);
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        var claims = await info.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(client.Tenant.AccountId, claims.GetProperty("sub").GetString());
        Assert.Equal("User " + client.Tenant.Username, claims.GetProperty("name").GetString());
        Assert.False(claims.TryGetProperty("phone_number", out _));

        var (replayed, refusal) = await client.RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, replayed);
        Assert.Equal("invalid_grant", refusal.GetProperty("error").GetString());

        // The replay revoked the grant: the refresh token the first exchange gave is worthless now.
        var (refreshed, refreshRefusal) = await client.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed);
        Assert.Equal("invalid_grant", refreshRefusal.GetProperty("error").GetString());
    }

    [Fact]
    public async Task RefreshTokens_Rotate_AndASpentOneRevokesTheGrant()
    {
        using var client = await OidcClient.CreateAsync(host);
        var verifier = OidcClient.NewVerifier();
        var (_, tokens) = await client.RedeemAsync(await client.AuthorizeAsync(verifier), verifier);
        var first = tokens.GetProperty("refresh_token").GetString()!;

        var (status, next) = await client.RefreshAsync(first);
        Assert.Equal(HttpStatusCode.OK, status);
        var second = next.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(client.Tenant.AccountId, OidcClient.Jwt(next, "id_token").Subject);

        var (reused, _) = await client.RefreshAsync(first);
        Assert.Equal(HttpStatusCode.BadRequest, reused);
        var (afterReuse, refusal) = await client.RefreshAsync(second);
        Assert.Equal(HttpStatusCode.BadRequest, afterReuse);
        Assert.Equal("invalid_grant", refusal.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Revocation_OfARefreshToken_RevokesItsGrant_ButNotWhenAnotherApplicationAsks()
    {
        using var client = await OidcClient.CreateAsync(host);
        var other = await host.AdminClient().CreateApplicationAsync(
            new Contracts.V1.CreateApplicationRequest
            {
                TenantId = client.Tenant.TenantId, DisplayName = "Other app", RedirectUris = { OidcClient.RedirectUri }, Scopes = { "openid", "offline_access" },
            },
            GridHostFixture.Bearer(client.Tenant.AdminToken));
        var verifier = OidcClient.NewVerifier();
        var (_, tokens) = await client.RedeemAsync(await client.AuthorizeAsync(verifier), verifier);
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        // Another application of the tenant cannot revoke this one's token (RFC 7009 answers 200 all the same).
        var (otherStatus, _) = await client.RevokeAsync(refreshToken, other.Application.ClientId, other.ClientSecret);
        var (stillGood, next) = await client.RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        Assert.Equal(HttpStatusCode.OK, stillGood);

        var current = next.GetProperty("refresh_token").GetString()!;
        var (status, _) = await client.RevokeAsync(current, client.Application.ClientId, client.Secret);
        var (refreshed, refusal) = await client.RefreshAsync(current);
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, client.TenantPath("connect/userinfo"));
        userInfo.Headers.Authorization = new("Bearer", next.GetProperty("access_token").GetString());
        using var info = await client.Http.SendAsync(userInfo);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed);
        Assert.Equal("invalid_grant", refusal.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, info.StatusCode);
    }

    [Fact]
    public async Task WrongRedirectUri_IsRefused_WithoutRedirectingThere()
    {
        using var client = await OidcClient.CreateAsync(host);
        using var response = await client.Http.GetAsync(client.AuthorizePath(OidcClient.NewVerifier(), redirectUri: "http://127.0.0.1:9/other"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeRedeemedWithAnotherRedirectUri_IsRefused()
    {
        using var client = await OidcClient.CreateAsync(host, request => request.RedirectUris.Add("http://127.0.0.1:9/other"));
        var verifier = OidcClient.NewVerifier();
        var code = await client.AuthorizeAsync(verifier);

        var (status, refusal) = await client.RedeemAsync(code, verifier, redirectUri: "http://127.0.0.1:9/other");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", refusal.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ExpiredCode_IsRefused_ByTheProvidersClock()
    {
        using var client = await OidcClient.CreateAsync(host);
        var verifier = OidcClient.NewVerifier();
        var code = await client.AuthorizeAsync(verifier);

        // Past Grid:Oidc:AuthorizationCodeLifetime (1 minute) on the provider's clock, then back.
        host.OidcClock.Shift = TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5);
        (HttpStatusCode Status, JsonElement Body) expired;
        try
        {
            expired = await client.RedeemAsync(code, verifier);
        }
        finally
        {
            host.OidcClock.Shift = TimeSpan.Zero;
        }

        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.Equal("invalid_grant", expired.Body.GetProperty("error").GetString());

        // The code itself was good: refused for its age alone (and refused before it was spent).
        Assert.Equal(HttpStatusCode.OK, (await client.RedeemAsync(code, verifier)).Status);
    }

    [Fact]
    public async Task BadPkceVerifier_IsRefused()
    {
        using var client = await OidcClient.CreateAsync(host);
        var verifier = OidcClient.NewVerifier();
        var code = await client.AuthorizeAsync(verifier);

        var (status, refusal) = await client.RedeemAsync(code, OidcClient.NewVerifier());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", refusal.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ClientOfAnotherTenant_IsUnknownToThisTenantsIssuer()
    {
        using var client = await OidcClient.CreateAsync(host);
        using var other = await OidcClient.CreateAsync(host);
        var verifier = OidcClient.NewVerifier();

        // Another tenant's application at this tenant's authorize endpoint.
        using var authorize = await client.Http.GetAsync(client.AuthorizePath(verifier, clientId: other.Application.ClientId));
        Assert.Equal(HttpStatusCode.Unauthorized, authorize.StatusCode);
        Assert.Contains("invalid_client", await authorize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(authorize.Headers.Location);

        // A code of this tenant presented by the other tenant's client, at the other tenant's token endpoint.
        var code = await client.AuthorizeAsync(verifier);
        var (status, refusal) = await client.RedeemAsync(code, verifier, other.Application.ClientId, other.Secret, other.TenantPath("connect/token"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(refusal.GetProperty("error").GetString(), new[] { "invalid_grant", "invalid_client" });
    }

    private static string[] Strings(JsonElement document, string field) =>
        [.. document.GetProperty(field).EnumerateArray().Select(value => value.GetString()!)];
}
