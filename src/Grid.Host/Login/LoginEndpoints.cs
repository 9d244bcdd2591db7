using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Login;
using Grid.Abstractions.Sessions;
using Grid.Abstractions.Tenants;
using Grid.Grains.Login;
using Grid.Host.Hosting;
using Grid.Host.SignIn;
using Microsoft.Extensions.Options;

namespace Grid.Host.Login;

/// <summary>
/// The sign-in pages: <c>/t/{tenant}/login</c> (the options the connector enables), <c>/t/{tenant}/login/wecom</c>
/// (begins a WeCom sign-in: binding cookie, 302 to WeCom) and <c>/t/{tenant}/login/wecom/callback</c> (completes it:
/// session cookie, 302 to the return address). A redirect to WeCom rather than WeCom's embedded panel (@wecom/jssdk):
/// the panel is script from WeCom's own origin that cannot be pointed at the simulator, and a redirect works without
/// JavaScript.
/// </summary>
internal static partial class LoginEndpoints
{
    public const string BindingCookie = "grid_login";
    public const string KnownUserCookie = "grid_wecom_user";
    public const string SessionCookie = "grid_session";

    public static void MapGridLogin(this WebApplication app)
    {
        var pages = app.MapGroup("/t/{tenant}/login");
        pages.MapGet("", LoginPageAsync);
        pages.MapGet("/wecom", BeginAsync);
        pages.MapGet("/wecom/callback", CallbackAsync);
        pages.MapPost("/password", PasswordAsync).DisableAntiforgery();
    }

    private static Task<IResult> LoginPageAsync(HttpContext http, string tenant, IGrainFactory grains, IOptions<LoginOptions> options) =>
        RenderLoginAsync(http, tenant, grains, options, ConnectorOf(http.Request.Query["connector"].ToString(), options),
            http.Request.Query["return_to"].ToString(), login: "", notice: null, StatusCodes.Status200OK);

    // The password form's post. Same-origin only (the Origin header browsers send with every POST): a form on another
    // site must not sign a browser in to an account of the attacker's choosing.
    private static async Task<IResult> PasswordAsync(
        HttpContext http,
        string tenant,
        IGrainFactory grains,
        IOptions<LoginOptions> options,
        PasswordSignIn passwords,
        GridPublicAddress publicAddress,
        ILoggerFactory loggers)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var connectorId = ConnectorOf(form["connector"].ToString(), options);
        var returnTo = form["return_to"].ToString();
        var login = form["login"].ToString();
        var password = form["password"].ToString();
        if (!GridKeys.IsValidTenantId(tenant) || connectorId is null || !SameOrigin(http))
        {
            return Page(http, StatusCodes.Status400BadRequest, LoginPages.Error("Cannot sign in", "This sign-in form is not valid here. Start again from the login page.", LoginPath(tenant)));
        }

        if (login.Length is 0 or > 256 || password.Length is 0 or > 1024)
        {
            return await RenderLoginAsync(http, tenant, grains, options, connectorId, returnTo, login, "Enter your username, email or mobile and your password.", StatusCodes.Status400BadRequest);
        }

        var connector = await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenant, connectorId)).Get();
        if (!ReturnAddresses.TryResolve(returnTo.Length > 0 ? returnTo : null, publicAddress.Base, connector?.AllowedReturnOrigins ?? [], out var destination))
        {
            return await RenderLoginAsync(http, tenant, grains, options, connectorId, "", login, "The address to return to is not one this organization allows.", StatusCodes.Status400BadRequest);
        }

        var result = await passwords.SignInAsync(tenant, connectorId, login, password, ClientOf(http), http.RequestAborted);
        if (result.Session is not { } session)
        {
            var (status, notice) = result.Outcome switch
            {
                PasswordSignInOutcome.InvalidCredentials => (StatusCodes.Status401Unauthorized, "The username or password is not right."),
                PasswordSignInOutcome.Locked => (StatusCodes.Status429TooManyRequests, $"Too many failed sign-ins: password sign-in of this account is locked. Try again in {Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalMinutes))} minute(s)."),
                PasswordSignInOutcome.AccountUnavailable => (StatusCodes.Status403Forbidden, char.ToUpperInvariant(result.Message[0]) + result.Message[1..] + "."),
                _ => (StatusCodes.Status400BadRequest, "Password sign-in is not enabled for this organization."),
            };
            return await RenderLoginAsync(http, tenant, grains, options, connectorId, returnTo, login, notice, status);
        }

        return SignedIn(http, tenant, session, returnTo.Length > 0 ? destination.AbsoluteUri : "", loggers);
    }

    private static async Task<IResult> RenderLoginAsync(
        HttpContext http, string tenant, IGrainFactory grains, IOptions<LoginOptions> options, string? connectorId, string returnTo, string login, string? notice, int status)
    {
        if (!GridKeys.IsValidTenantId(tenant) || await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenant)).Get() is not { } view)
        {
            return Page(http, StatusCodes.Status404NotFound, LoginPages.Error("Not found", "There is no organization by this name here.", null));
        }

        var connector = connectorId is null ? null : await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenant, connectorId)).Get();
        var features = connector?.Features;
        var choices = new List<LoginPages.Option>();
        if (features is { QrLogin: true })
        {
            choices.Add(new("wecom-qr", "QR Code (WeCom)", BeginPath(tenant, connectorId!, "qr", returnTo, options)));
        }

        if (features is { WebLogin: true })
        {
            choices.Add(new("wecom-web", "Sign in inside WeCom", BeginPath(tenant, connectorId!, "web", returnTo, options)));
        }

        var password = features is { PasswordFallback: true } ? new LoginPages.PasswordForm(LoginPath(tenant) + "/password", connectorId!, returnTo, login) : null;
        return Page(http, status, LoginPages.Login(view.DisplayName, choices, password, notice));
    }

    private static async Task<IResult> BeginAsync(
        HttpContext http, string tenant, WeComLoginFlow flow, IOptions<LoginOptions> options)
    {
        var mode = http.Request.Query["mode"].ToString() switch
        {
            "qr" => LoginMode.Qr,
            "web" => LoginMode.Web,
            _ => (LoginMode?)null,
        };
        var connectorId = ConnectorOf(http.Request.Query["connector"].ToString(), options);
        if (!GridKeys.IsValidTenantId(tenant) || mode is null || connectorId is null)
        {
            return Page(http, StatusCodes.Status400BadRequest, LoginPages.Error(
                "Cannot sign in", "This sign-in link is not valid: mode must be qr or web.", LoginPath(tenant)));
        }

        try
        {
            var returnTo = http.Request.Query["return_to"].ToString();
            var begun = await flow.BeginAsync(
                tenant,
                connectorId,
                mode.Value,
                redirectUri: null,
                pageDomain: RequestDomain(http),
                returnTo.Length > 0 ? returnTo : null,
                http.Request.Cookies[KnownUserCookie]);
            http.Response.Cookies.Append(BindingCookie, begun.BrowserBinding, Cookie(tenant, begun.ExpiresAt));
            NoStore(http);
            return Results.Redirect(begun.Url);
        }
        catch (LoginException refused)
        {
            return ErrorPage(http, tenant, refused);
        }
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext http, string tenant, WeComLoginFlow flow, ILoggerFactory loggers)
    {
        if (!GridKeys.IsValidTenantId(tenant))
        {
            return Page(http, StatusCodes.Status404NotFound, LoginPages.Error("Not found", "There is no organization by this name here.", null));
        }

        // The binding cookie has done its work, whatever the outcome.
        http.Response.Cookies.Delete(BindingCookie, Cookie(tenant, null));
        try
        {
            var completed = await flow.CompleteAsync(
                tenant,
                http.Request.Query["state"].ToString(),
                http.Request.Query["code"].ToString(),
                http.Request.Cookies[BindingCookie],
                ClientOf(http),
                http.RequestAborted);
            if (completed.ConsentExpiresAt is { } consent)
            {
                http.Response.Cookies.Append(KnownUserCookie, completed.UserId, Cookie(tenant, consent));
            }

            return SignedIn(http, tenant, completed.Session, completed.ReturnTo, loggers);
        }
        catch (LoginException refused)
        {
            return ErrorPage(http, tenant, refused);
        }
    }

    // A session opened: its cookie (the user's access token, for the tenant's pages and the apps on its origin, which
    // check it with ValidateToken), then the return address, or a page saying who is signed in.
    private static IResult SignedIn(HttpContext http, string tenant, IssuedSession session, string returnTo, ILoggerFactory loggers)
    {
        http.Response.Cookies.Append(SessionCookie, session.AccessToken, Cookie(tenant, session.AccessTokenExpiresAt, $"/t/{Uri.EscapeDataString(tenant)}"));
        LogPageSignIn(loggers.CreateLogger("Grid.Host.Login.LoginEndpoints"), tenant, session.Account.AccountId, session.Session.Method);
        if (returnTo.Length > 0)
        {
            NoStore(http);
            return Results.Redirect(returnTo);
        }

        return Page(http, StatusCodes.Status200OK, LoginPages.SignedIn(session.Account.Profile.DisplayName, tenant));
    }

    private static SessionClient ClientOf(HttpContext http) =>
        new(http.Connection.RemoteIpAddress?.ToString() ?? "", http.Request.Headers.UserAgent.ToString());

    internal static bool SameOrigin(HttpContext http) =>
        Uri.TryCreate(http.Request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
        && string.Equals(origin.Scheme, http.Request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(GridPublicAddress.DomainOf(origin), RequestDomain(http), StringComparison.Ordinal);

    private static IResult ErrorPage(HttpContext http, string tenant, LoginException refused)
    {
        var (status, title) = refused.Problem switch
        {
            LoginProblem.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            LoginProblem.AccountDisabled or LoginProblem.NoAccount => (StatusCodes.Status403Forbidden, "Account not available"),
            LoginProblem.WeComRefused => (StatusCodes.Status401Unauthorized, "WeCom sign-in failed"),
            LoginProblem.StateExpired => (StatusCodes.Status400BadRequest, "Sign-in expired"),
            LoginProblem.StateReused => (StatusCodes.Status400BadRequest, "Sign-in already used"),
            LoginProblem.StateMismatched or LoginProblem.StateUnknown => (StatusCodes.Status400BadRequest, "Sign-in not valid"),
            _ => (StatusCodes.Status400BadRequest, "Cannot sign in"),
        };
        var message = refused.Message.Length > 0 ? char.ToUpperInvariant(refused.Message[0]) + refused.Message[1..] : refused.Message;
        return Page(http, status, LoginPages.Error(title, message, LoginPath(tenant)));
    }

    private static string? ConnectorOf(string given, IOptions<LoginOptions> options)
    {
        var connectorId = given.Length > 0 ? given : options.Value.DefaultConnector;
        return GridKeys.IsValidConnectorId(connectorId) ? connectorId : null;
    }

    private static string BeginPath(string tenant, string connectorId, string mode, string returnTo, IOptions<LoginOptions> options)
    {
        var path = new StringBuilder(LoginPath(tenant)).Append("/wecom?mode=").Append(mode);
        if (connectorId != options.Value.DefaultConnector)
        {
            path.Append("&connector=").Append(Uri.EscapeDataString(connectorId));
        }

        if (returnTo.Length > 0)
        {
            path.Append("&return_to=").Append(Uri.EscapeDataString(returnTo));
        }

        return path.ToString();
    }

    private static string LoginPath(string tenant) => $"/t/{Uri.EscapeDataString(tenant)}/login";

    // host[:port] as the browser addressed this page (the Host header), as WeCom compares domains.
    private static string RequestDomain(HttpContext http)
    {
        var scheme = http.Request.Scheme;
        return Uri.TryCreate($"{scheme}://{http.Request.Host.Value}/", UriKind.Absolute, out var uri) ? GridPublicAddress.DomainOf(uri) : "";
    }

    // The sign-in cookies: HttpOnly, Secure, SameSite=Lax (they must come back on WeCom's top-level redirect, which
    // Strict would drop), scoped to the tenant's login paths unless a wider path is given.
    private static CookieOptions Cookie(string tenant, DateTimeOffset? expires, string? path = null) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Lax,
        Path = path ?? LoginPath(tenant),
        Expires = expires,
        IsEssential = true,
    };

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    internal static IResult Page(HttpContext http, int status, string html)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";

        // The callback's address carries the code and state: no referrer leaves the origin with them (same-origin, not
        // no-referrer: that would make browsers send "Origin: null" with the password form), no frame hosts these pages.
        headers["Referrer-Policy"] = "same-origin";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    [LoggerMessage(EventId = 8501, Level = LogLevel.Information, Message = "Login page: {AccountId} of tenant {TenantId} signed in ({Method})")]
    private static partial void LogPageSignIn(ILogger logger, string tenantId, string accountId, SignInMethod method);
}
