using System.Collections.Immutable;
using System.Security.Claims;
using System.Security.Cryptography;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Oidc;
using Grid.Abstractions.Sessions;
using Grid.Abstractions.Tenants;
using Grid.Grains.Login;
using Grid.Host.Login;
using Grid.Host.SignIn;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Grid.Host.Oidc;

/// <summary>
/// The endpoints OpenIddict passes through to Grid after validating the request: authorize (the signed-in user from
/// the login pages' session cookie, else the login page with a return address back here; consent), token (one-time
/// codes and rotating refresh tokens through <see cref="IOidcGrantGrain"/>, fresh claims), userinfo and end-session.
/// Discovery and JWKS are OpenIddict's own.
/// </summary>
internal static partial class OidcEndpoints
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;
    private const string ConnectorParameter = "connector";

    public static void MapGridOidc(this WebApplication app)
    {
        var connect = app.MapGroup("/t/{tenant}/connect");
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).DisableAntiforgery();
        connect.MapPost("/token", TokenAsync).DisableAntiforgery();
        connect.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).DisableAntiforgery();
        connect.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], EndSessionAsync).DisableAntiforgery();
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http,
        string tenant,
        IGrainFactory grains,
        SessionTokenValidator sessions,
        IOptions<OidcOptions> options,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request is missing.");
        var issuer = OidcTenant.Issuer(new Uri(http.Request.GetEncodedUrlBase()), tenant);
        var application = await OidcRequestHandlers.ApplicationAsync(grains, issuer, request.ClientId)
            ?? throw new InvalidOperationException("OpenIddict passed an authorization request of an unknown client.");
        var signedIn = http.Request.Cookies[LoginEndpoints.SessionCookie] is { Length: > 0 } cookie
            ? await sessions.ValidateAsync(tenant, cookie, http.RequestAborted)
            : null;
        var session = signedIn is null ? null : await grains.GetGrain<ISessionGrain>(SessionKeys.Session(tenant, signedIn.SessionId)).Get();
        var account = session is not { RevokedAt: null } ? null : await grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, session.AccountId)).Get();
        if (account is not { Status: AccountStatus.Active } || !OidcReauthentication.IsSatisfied(request, session!, time.GetUtcNow()))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in, or not recently enough for this request.");
            }

            return Results.Redirect(await SignInAddressAsync(http, tenant, grains, request, session?.SessionId));
        }

        var scopes = request.GetScopes();
        if (application.ConsentRequired)
        {
            var consent = grains.GetGrain<IOidcConsentGrain>($"{tenant}/{account.AccountId}/{application.ClientId}");
            var answer = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))[ConsentPage.AnswerField].ToString() : "";
            if (answer.Length > 0 && !LoginEndpoints.SameOrigin(http))
            {
                return LoginEndpoints.Page(http, StatusCodes.Status400BadRequest, LoginPages.Error("Cannot continue", "This answer did not come from the consent page.", null));
            }

            if (answer == "deny")
            {
                LogConsent(loggers.CreateLogger(typeof(OidcEndpoints)), tenant, account.AccountId, application.ClientId, "denied");
                return Refuse(Errors.AccessDenied, "The user did not allow the application.");
            }

            if (answer == "allow")
            {
                await consent.Grant(scopes, time.GetUtcNow() + options.Value.ConsentLifetime);
                LogConsent(loggers.CreateLogger(typeof(OidcEndpoints)), tenant, account.AccountId, application.ClientId, "given");
            }
            else
            {
                var remembered = await consent.Get();
                if (request.HasPromptValue(PromptValues.Consent) || scopes.Any(scope => !remembered.Contains(scope, StringComparer.Ordinal)))
                {
                    if (request.HasPromptValue(PromptValues.None))
                    {
                        return Refuse(Errors.ConsentRequired, "The user has not allowed the application yet.");
                    }

                    return await ConsentPageAsync(http, tenant, grains, application, request, scopes);
                }
            }
        }

        var grantId = NewId("grt_");
        var tokenId = NewId("");
        await grains.GetGrain<IOidcGrantGrain>($"{tenant}/{grantId}").Open(
            new OidcGrant(application.ClientId, account.AccountId, scopes, time.GetUtcNow()), tokenId, time.GetUtcNow() + options.Value.AuthorizationCodeLifetime);
        // auth_time: when the user signed in to Grid (OpenID Connect Core 2; required with max_age, always sent).
        var identity = NewIdentity().SetClaim(Claims.AuthenticationTime, session!.CreatedAt.ToUnixTimeSeconds());
        OidcClaims.Apply(identity, account, scopes, grantId, tokenId);
        LogAuthorized(loggers.CreateLogger(typeof(OidcEndpoints)), tenant, account.AccountId, application.ClientId);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    private static async Task<IResult> TokenAsync(
        HttpContext http, string tenant, IGrainFactory grains, IOptions<OidcOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request is missing.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "grant_type: only authorization_code and refresh_token are supported.");
        }

        // The code or refresh token, already checked by OpenIddict (signature, issuer: this tenant, expiry, client,
        // redirect_uri, PKCE); what it cannot know is whether it was used before.
        var principal = (await http.AuthenticateAsync(Scheme)).Principal
            ?? throw new InvalidOperationException("OpenIddict passed a token request without its principal.");
        var grantId = principal.GetClaim(OidcClaims.GrantId) ?? "";
        var grant = grains.GetGrain<IOidcGrantGrain>($"{tenant}/{grantId}");
        var redemption = await grant.Redeem(principal.GetClaim(OidcClaims.TokenId) ?? "");
        if (redemption != OidcRedemption.Redeemed)
        {
            if (redemption == OidcRedemption.Replayed)
            {
                LogReplay(loggers.CreateLogger(typeof(OidcEndpoints)), tenant, request.ClientId ?? "", grantId);
            }

            return Refuse(Errors.InvalidGrant, "The authorization code or refresh token was used already or is no longer valid.");
        }

        var account = await grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, principal.GetClaim(Claims.Subject) ?? "")).Get();
        if (account is not { Status: AccountStatus.Active })
        {
            await grant.Revoke();
            return Refuse(Errors.InvalidGrant, "The account is no longer active.");
        }

        // Without offline_access no refresh token follows: the grant lasts as long as the access token (userinfo).
        var scopes = principal.GetScopes();
        var tokenId = NewId("");
        var refreshes = scopes.Contains(OidcScopes.OfflineAccess, StringComparer.Ordinal);
        var lifetime = refreshes ? options.Value.RefreshTokenLifetime : options.Value.AccessTokenLifetime;
        if (!await grant.Rotate(refreshes ? tokenId : null, time.GetUtcNow() + lifetime))
        {
            return Refuse(Errors.InvalidGrant, "The grant was revoked.");
        }

        // The code's or refresh token's own claims (nonce, presenters, ...) with the account's current ones over them.
        var identity = OidcClaims.Apply(new ClaimsIdentity(principal.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role), account, scopes, grantId, tokenId);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, string tenant, IGrainFactory grains)
    {
        var principal = (await http.AuthenticateAsync(Scheme)).Principal
            ?? throw new InvalidOperationException("OpenIddict passed a userinfo request without its principal.");
        var grant = await grains.GetGrain<IOidcGrantGrain>($"{tenant}/{principal.GetClaim(OidcClaims.GrantId)}").Get();
        var account = await grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, principal.GetClaim(Claims.Subject) ?? "")).Get();
        if (grant is null || account is not { Status: AccountStatus.Active } || grant.AccountId != account.AccountId)
        {
            return Results.Challenge(Problem(Errors.InvalidToken, "The access token's grant was revoked or its account is not active."), [Scheme]);
        }

        return Results.Json(OidcClaims.UserInfo(account, principal.GetScopes()));
    }

    // Signs the browser out of Grid (its session revoked, its cookie gone), then back to the application's
    // registered post-logout address when it gave one.
    private static async Task<IResult> EndSessionAsync(
        HttpContext http, string tenant, IGrainFactory grains, SessionTokenValidator sessions, ILoggerFactory loggers)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request is missing.");
        if (http.Request.Cookies[LoginEndpoints.SessionCookie] is { Length: > 0 } cookie
            && await sessions.ValidateAsync(tenant, cookie, http.RequestAborted) is { } signedIn)
        {
            await grains.GetGrain<ISessionGrain>(SessionKeys.Session(tenant, signedIn.SessionId)).Revoke();
            LogSignedOut(loggers.CreateLogger(typeof(OidcEndpoints)), tenant, signedIn.AccountId);
        }

        http.Response.Cookies.Delete(LoginEndpoints.SessionCookie, new CookieOptions
        {
            Path = $"/t/{Uri.EscapeDataString(tenant)}",
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Lax,
        });
        if (request.PostLogoutRedirectUri is not null)
        {
            return Results.SignOut(authenticationSchemes: [Scheme]);
        }

        var organization = await grains.GetGrain<ITenantGrain>(tenant).Get();
        return LoginEndpoints.Page(http, StatusCodes.Status200OK, LoginPages.Page("Signed out", $"<p id=\"signed-out\">You are signed out of {LoginPages.Html(organization?.DisplayName ?? tenant)}.</p>"));
    }

    // Where a browser without a (fresh enough) session signs in, then comes back here: Grid's login page, or inside
    // the WeCom client (which knows its member) straight to the in-WeCom OAuth when the connector has web login on,
    // so that the user sees no login page at all. The return address is a same-origin path, which the login pages
    // accept as a return address.
    private static async Task<string> SignInAddressAsync(
        HttpContext http, string tenant, IGrainFactory grains, OpenIddictRequest request, string? refusedSessionId)
    {
        var returnTo = QueryHelpers.AddQueryString(
            $"/t/{Uri.EscapeDataString(tenant)}/{OidcEndpointScope.Authorization}", OidcReauthentication.ReturnParameters(request, refusedSessionId));

        // Grid's own authorization parameter `connector`: the connector whose login page to show, as the login page's
        // own `?connector=` (default Grid:Login:DefaultConnector).
        var connector = (string?)request.GetParameter(ConnectorParameter) is { } named && GridKeys.IsValidConnectorId(named) ? named : null;
        var login = $"/t/{Uri.EscapeDataString(tenant)}/login";
        if (IsInsideWeCom(http.Request))
        {
            var connectorId = connector ?? http.RequestServices.GetRequiredService<IOptions<LoginOptions>>().Value.DefaultConnector;
            if (await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenant, connectorId)).Get() is { Features.WebLogin: true })
            {
                return QueryHelpers.AddQueryString(login + "/wecom", new Dictionary<string, string?>
                {
                    ["mode"] = "web", [ConnectorParameter] = connectorId, ["return_to"] = returnTo,
                });
            }
        }

        login = QueryHelpers.AddQueryString(login, "return_to", returnTo);
        return connector is null ? login : QueryHelpers.AddQueryString(login, ConnectorParameter, connector);
    }

    // WeCom's in-app browser names itself in its user agent ("... wxwork/4.1.x MicroMessenger/..."); WeChat's says
    // MicroMessenger alone.
    private static bool IsInsideWeCom(HttpRequest request) =>
        request.Headers.UserAgent.ToString().Contains("wxwork/", StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult> ConsentPageAsync(HttpContext http, string tenant, IGrainFactory grains, OidcApplication application, OpenIddictRequest request, ImmutableArray<string> scopes)
    {
        var organization = (await grains.GetGrain<ITenantGrain>(tenant).Get())?.DisplayName ?? tenant;
        var parameters = request.GetParameters()
            .Where(p => p.Key != ConsentPage.AnswerField)
            .Select(p => KeyValuePair.Create(p.Key, p.Value.ToString() ?? ""));
        // The answer's response redirects to the application: its origin must be a form target too (form-action
        // applies to the redirects that follow a submission).
        return LoginEndpoints.Page(
            http,
            StatusCodes.Status200OK,
            ConsentPage.Render(organization, application.DisplayName, scopes, $"/t/{Uri.EscapeDataString(tenant)}/{OidcEndpointScope.Authorization}", parameters),
            [new Uri(request.RedirectUri!)]);
    }

    private static ClaimsIdentity NewIdentity() => new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static IResult Refuse(string error, string description) => Results.Forbid(Problem(error, description), [Scheme]);

    private static AuthenticationProperties Problem(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    private static string GetEncodedUrlBase(this HttpRequest request) => $"{request.Scheme}://{request.Host}";

    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Application {ClientId} of tenant {TenantId}: {AccountId} authorized")]
    private static partial void LogAuthorized(ILogger logger, string tenantId, string accountId, string clientId);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Application {ClientId} of tenant {TenantId}: consent {Answer} by {AccountId}")]
    private static partial void LogConsent(ILogger logger, string tenantId, string accountId, string clientId, string answer);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Application {ClientId} of tenant {TenantId}: a spent code or refresh token of grant {GrantId} was presented again; the grant is revoked")]
    private static partial void LogReplay(ILogger logger, string tenantId, string clientId, string grantId);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Tenant {TenantId}: {AccountId} signed out through the end-session endpoint")]
    private static partial void LogSignedOut(ILogger logger, string tenantId, string accountId);
}
