using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.SignIn;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Grid.EndToEnd.Tests.Oidc;

/// <summary>
/// A confidential application of a fresh sign-in tenant, and the code flow driven with plain HTTP requests (no
/// redirects followed, the session cookie carried by hand: it is Secure, which HttpClient keeps to https).
/// </summary>
internal sealed class OidcClient : IDisposable
{
    public const string RedirectUri = "http://127.0.0.1:9/callback";
    public const string PostLogoutUri = "http://127.0.0.1:9/signed-out";

    private OidcClient(SignInTenant tenant, Application application, string secret, string issuer)
    {
        Tenant = tenant;
        Application = application;
        Secret = secret;
        Issuer = issuer;
    }

    public SignInTenant Tenant { get; }

    public Application Application { get; }

    public string Secret { get; }

    public string Issuer { get; }

    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    public static async Task<OidcClient> CreateAsync(GridHostFixture host, Action<CreateApplicationRequest>? configure = null)
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var request = new CreateApplicationRequest
        {
            TenantId = tenant.TenantId,
            DisplayName = "Test app",
            RedirectUris = { RedirectUri },
            PostLogoutRedirectUris = { PostLogoutUri },
            Scopes = { "openid", "profile", "email", "offline_access" },
        };
        configure?.Invoke(request);
        var created = await host.AdminClient().CreateApplicationAsync(request, GridHostFixture.Bearer(tenant.AdminToken));
        var client = new OidcClient(tenant, created.Application, created.ClientSecret, created.Issuer);
        client.Http.BaseAddress = host.HttpAddress;
        return client;
    }

    public string TenantPath(string path) => $"/t/{Tenant.TenantId}/{path}";

    /// <summary>The authorization request's address (PKCE S256 with <paramref name="verifier"/>).</summary>
    public string AuthorizePath(string verifier, string? clientId = null, string redirectUri = RedirectUri, string scope = "openid profile email offline_access") =>
        QueryHelpers.AddQueryString(TenantPath("connect/authorize"), new Dictionary<string, string?>
        {
            ["client_id"] = clientId ?? Application.ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = "st-" + verifier[..8],
            ["nonce"] = "n-" + verifier[..8],
            ["code_challenge"] = Challenge(verifier),
            ["code_challenge_method"] = "S256",
        });

    /// <summary>Signs in with the password form and returns the session cookie's value.</summary>
    public async Task<string> SignInAsync(string returnTo)
    {
        using var form = new HttpRequestMessage(HttpMethod.Post, TenantPath("login/password"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["connector"] = SignInTenant.ConnectorId,
                ["return_to"] = returnTo,
                ["login"] = Tenant.Username,
                ["password"] = SignInTenant.Password,
            }),
        };
        form.Headers.Add("Origin", Http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        using var response = await Http.SendAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(Http.BaseAddress!, returnTo), response.Headers.Location);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("grid_session=", StringComparison.Ordinal));
        return cookie["grid_session=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>The whole front channel: authorize, the login page, the password, authorize again; the code.</summary>
    public async Task<string> AuthorizeAsync(string verifier)
    {
        var (session, returnTo) = await SignInFromAuthorizeAsync(verifier);
        using var answer = await SendWithSessionAsync(HttpMethod.Get, returnTo, session);
        return CodeOf(answer, verifier);
    }

    /// <summary>Authorize without a session (sent to the login page), then the password: the session and where to return.</summary>
    public async Task<(string Session, string ReturnTo)> SignInFromAuthorizeAsync(string verifier)
    {
        using var first = await Http.GetAsync(AuthorizePath(verifier));
        var returnTo = LoginReturnAddress(first);
        return (await SignInAsync(returnTo), returnTo);
    }

    /// <summary>The return address of an authorization response that sends the browser to the login page.</summary>
    public string LoginReturnAddress(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var login = answer.Headers.Location!.OriginalString;
        Assert.StartsWith(TenantPath("login?return_to="), login, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(new Uri(Http.BaseAddress!, login).Query)["return_to"].ToString();
    }

    public async Task<HttpResponseMessage> SendWithSessionAsync(HttpMethod method, string path, string session, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Cookie", "grid_session=" + session);
        if (method == HttpMethod.Post)
        {
            request.Headers.Add("Origin", Http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        }

        return await Http.SendAsync(request);
    }

    /// <summary>The code of an authorization response (a redirect to the redirect URI with the request's state).</summary>
    public static string CodeOf(HttpResponseMessage answer, string verifier)
    {
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", callback.OriginalString, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("st-" + verifier[..8], query["state"].ToString());
        return query["code"].ToString();
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(
        string code, string verifier, string? clientId = null, string? secret = null, string? tenantPath = null, string redirectUri = RedirectUri) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = clientId ?? Application.ClientId,
            ["client_secret"] = secret ?? Secret,
        }, tenantPath);

    public Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refreshToken) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = Application.ClientId,
            ["client_secret"] = Secret,
        });

    /// <summary>RFC 7009 revocation of a token, as the given client.</summary>
    public async Task<(HttpStatusCode Status, string Body)> RevokeAsync(string token, string clientId, string secret)
    {
        using var response = await Http.PostAsync(TenantPath("connect/revoke"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static string NewVerifier() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static JsonWebToken Jwt(JsonElement tokens, string name) => new(tokens.GetProperty(name).GetString());

    public void Dispose() => Http.Dispose();

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(Dictionary<string, string> form, string? tenantPath = null)
    {
        using var response = await Http.PostAsync(tenantPath ?? TenantPath("connect/token"), new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
