using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Login;
using Grid.Abstractions.Sessions;
using Grid.Abstractions.Tenants;
using Grid.Grains.Login;
using Grid.Host.Hosting;
using Grid.Host.Oidc;
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
        pages.MapPost("/sms/send", (HttpContext http, string tenant, IGrainFactory grains, IOptions<LoginOptions> options, SmsSignIn sms) =>
            CodeSendAsync(http, tenant, grains, options, sms, SmsCodePurpose.Login)).DisableAntiforgery();
        pages.MapPost("/sms", SmsSignInAsync).DisableAntiforgery();
        pages.MapGet("/reset", ResetPageAsync);
        pages.MapPost("/reset/send", (HttpContext http, string tenant, IGrainFactory grains, IOptions<LoginOptions> options, SmsSignIn sms) =>
            CodeSendAsync(http, tenant, grains, options, sms, SmsCodePurpose.ResetPassword)).DisableAntiforgery();
        pages.MapPost("/reset", ResetAsync).DisableAntiforgery();
    }

    private static Task<IResult> LoginPageAsync(HttpContext http, string tenant, IGrainFactory grains, IOptions<LoginOptions> options) =>
        RenderLoginAsync(http, tenant, grains, options, ConnectorOf(http.Request.Query["connector"].ToString(), options),
            http.Request.Query["return_to"].ToString(), login: "", notice: null, StatusCodes.Status200OK);

    // The fallback forms' posts. Same-origin only (the Origin header browsers send with every POST): a form on another
    // site must not sign a browser in to an account of the attacker's choosing, nor spend its SMS quota.
    private static async Task<(FallbackPost? Post, IResult? Refused)> ReadPostAsync(HttpContext http, string tenant, IOptions<LoginOptions> options)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var connectorId = ConnectorOf(form["connector"].ToString(), options);
        if (!GridKeys.IsValidTenantId(tenant) || connectorId is null || !SameOrigin(http))
        {
            return (null, Page(http, StatusCodes.Status400BadRequest, LoginPages.Error("Cannot sign in", "This sign-in form is not valid here. Start again from the login page.", LoginPath(tenant))));
        }

        return (new FallbackPost(form, connectorId, form["return_to"].ToString()), null);
    }

    private static async Task<Uri?> ReturnDestinationAsync(IGrainFactory grains, string tenant, FallbackPost post, GridPublicAddress publicAddress)
    {
        var connector = await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenant, post.ConnectorId)).Get();
        return ReturnAddresses.TryResolve(post.ReturnTo.Length > 0 ? post.ReturnTo : null, publicAddress.Base, connector?.AllowedReturnOrigins ?? [], out var destination)
            ? destination
            : null;
    }

    private static async Task<IResult> PasswordAsync(
        HttpContext http,
        string tenant,
        IGrainFactory grains,
        IOptions<LoginOptions> options,
        PasswordSignIn passwords,
        GridPublicAddress publicAddress,
        ILoggerFactory loggers)
    {
        var (post, refused) = await ReadPostAsync(http, tenant, options);
        if (post is null)
        {
            return refused!;
        }

        var (connectorId, returnTo) = (post.ConnectorId, post.ReturnTo);
        var login = post.Form["login"].ToString();
        var password = post.Form["password"].ToString();
        if (login.Length is 0 or > 256 || password.Length is 0 or > 1024)
        {
            return await RenderLoginAsync(http, tenant, grains, options, connectorId, returnTo, login, "Enter your username, email or mobile and your password.", StatusCodes.Status400BadRequest);
        }

        if (await ReturnDestinationAsync(grains, tenant, post, publicAddress) is not { } destination)
        {
            return await RenderLoginAsync(http, tenant, grains, options, connectorId, "", login, "The address to return to is not one this organization allows.", StatusCodes.Status400BadRequest);
        }

        var result = await passwords.SignInAsync(tenant, connectorId, login, password, ClientOf(http), http.RequestAborted);
        if (result.Session is not { } session)
        {
            var (status, notice) = Refusal(result, "The username or password is not right.");
            return await RenderLoginAsync(http, tenant, grains, options, connectorId, returnTo, login, notice, status);
        }

        return SignedIn(http, tenant, session, returnTo.Length > 0 ? destination.AbsoluteUri : "", loggers);
    }

    private static async Task<IResult> RenderLoginAsync(
        HttpContext http,
        string tenant,
        IGrainFactory grains,
        IOptions<LoginOptions> options,
        string? connectorId,
        string returnTo,
        string login,
        string? notice,
        int status,
        SmsProgress? smsProgress = null)
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
        var smsAvailable = http.RequestServices.GetRequiredService<SmsCodeDelivery>().IsAvailable;
        var progress = smsProgress ?? new SmsProgress("", false);
        var sms = features is { SmsFallback: true } && smsAvailable
            ? new LoginPages.SmsForm(LoginPath(tenant) + "/sms/send", LoginPath(tenant) + "/sms", connectorId!, returnTo, progress.Mobile, progress.CodeSent)
            : null;
        var reset = password is not null && smsAvailable ? ResetAddress(tenant, connectorId!, returnTo, options) : null;
        return Page(http, status, LoginPages.Login(view.DisplayName, choices, password, sms, reset, notice), await FormTargetsAsync(http, grains, tenant, connector, returnTo));
    }

    // Where the fallback forms' posts end up once signed in: the return address and, when it is this tenant's authorize
    // endpoint, the application's redirect URI it sends the browser on to (OidcAuthorizeAddresses).
    private static async Task<IReadOnlyCollection<Uri>> FormTargetsAsync(
        HttpContext http, IGrainFactory grains, string tenant, WeComConnectorView? connector, string returnTo)
    {
        var publicAddress = http.RequestServices.GetRequiredService<GridPublicAddress>();
        if (returnTo.Length == 0 || !ReturnAddresses.TryResolve(returnTo, publicAddress.Base, connector?.AllowedReturnOrigins ?? [], out var destination))
        {
            return [];
        }

        return await OidcAuthorizeAddresses.RedirectUriAsync(grains, tenant, destination) is { } redirect ? [destination, redirect] : [destination];
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

        var emailPage = PersonalEmailConfirmation.MayGive(session.Account) && http.RequestServices.GetRequiredService<PersonalEmailConfirmation>().IsAvailable
            ? EmailPath(tenant)
            : null;
        return Page(http, StatusCodes.Status200OK, LoginPages.SignedIn(session.Account.Profile.DisplayName, tenant, emailPage));
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
            LoginProblem.WeComUnavailable => (StatusCodes.Status503ServiceUnavailable, "WeCom not available"),
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

    private static string BeginPath(string tenant, string connectorId, string mode, string returnTo, IOptions<LoginOptions> options) =>
        PagePath(LoginPath(tenant) + "/wecom?mode=" + mode, connectorId, returnTo, options);

    private static string ResetAddress(string tenant, string connectorId, string returnTo, IOptions<LoginOptions> options) =>
        PagePath(LoginPath(tenant) + "/reset", connectorId, returnTo, options);

    private static string LoginAddress(string tenant, string connectorId, string returnTo, IOptions<LoginOptions> options) =>
        PagePath(LoginPath(tenant), connectorId, returnTo, options);

    // A page's address with the connector (unless the default) and the return address in its query.
    private static string PagePath(string path, string connectorId, string returnTo, IOptions<LoginOptions> options)
    {
        var address = new StringBuilder(path);
        if (connectorId != options.Value.DefaultConnector)
        {
            address.Append(path.Contains('?', StringComparison.Ordinal) ? '&' : '?').Append("connector=").Append(Uri.EscapeDataString(connectorId));
        }

        if (returnTo.Length > 0)
        {
            address.Append(address.ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?').Append("return_to=").Append(Uri.EscapeDataString(returnTo));
        }

        return address.ToString();
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

    /// <param name="http">The request.</param>
    /// <param name="status">The page's status.</param>
    /// <param name="html">The page.</param>
    /// <param name="formTargets">
    /// Addresses on other origins the page's forms may end up on: CSP form-action applies to the redirects that follow
    /// a submission as well (Chromium blocks them), e.g. an application's redirect URI after the authorize endpoint.
    /// </param>
    internal static IResult Page(HttpContext http, int status, string html, IReadOnlyCollection<Uri>? formTargets = null)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";

        // The callback's address carries the code and state: no referrer leaves the origin with them (same-origin, not
        // no-referrer: that would make browsers send "Origin: null" with the password form), no frame hosts these pages.
        headers["Referrer-Policy"] = "same-origin";
        headers["X-Frame-Options"] = "DENY";
        var targets = string.Concat((formTargets ?? []).Where(target => target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps)
            .Select(target => $" {target.Scheme}://{target.IdnHost}{(target.IsDefaultPort ? "" : $":{target.Port}")}").Distinct(StringComparer.Ordinal));
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'{targets}; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private sealed record FallbackPost(IFormCollection Form, string ConnectorId, string ReturnTo);

    // Where the SMS form is: the mobile given so far, and whether a code was sent (the code form shows).
    private sealed record SmsProgress(string Mobile, bool CodeSent);

    [LoggerMessage(EventId = 8501, Level = LogLevel.Information, Message = "Login page: {AccountId} of tenant {TenantId} signed in ({Method})")]
    private static partial void LogPageSignIn(ILogger logger, string tenantId, string accountId, SignInMethod method);
}
