using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Login;
using Grid.Abstractions.Tenants;
using Grid.Abstractions.Sessions;
using Grid.Grains;
using Grid.Host.Hosting;
using Grid.Host.SignIn;
using Grid.WeCom.Api;
using Grid.WeCom.Login;

namespace Grid.Host.Login;

/// <summary>
/// The two halves of a WeCom sign-in, shared by the login pages and Auth.Begin/CompleteWeComLogin: begin (checks,
/// state, WeCom URL) and complete (state redeemed once, code → account). Refusals are <see cref="LoginException"/>s.
/// </summary>
internal sealed partial class WeComLoginFlow(
    IGrainFactory grains,
    WeComLoginUrls urls,
    GridPublicAddress publicAddress,
    SignInSessionIssuer issuer,
    ILogger<WeComLoginFlow> logger)
{
    /// <param name="tenantId">The tenant (validated by the caller).</param>
    /// <param name="connectorId">The connector (validated by the caller).</param>
    /// <param name="mode">QR or web.</param>
    /// <param name="redirectUri">Where WeCom sends the code; null: Grid's own callback page.</param>
    /// <param name="pageDomain">host[:port] the login page was reached on; null: the redirect_uri's.</param>
    /// <param name="returnTo">Where to go once signed in; null: nowhere asked (the caller shows its own page).</param>
    /// <param name="knownUserId">The member this browser signed in as before, if known: a web login asks nothing new while its consent is valid.</param>
    public async Task<WeComLoginBegun> BeginAsync(
        string tenantId, string connectorId, LoginMode mode, Uri? redirectUri, string? pageDomain, string? returnTo, string? knownUserId)
    {
        var connector = await LoadAsync(tenantId, connectorId);
        var enabled = mode == LoginMode.Qr ? connector.Features.QrLogin : connector.Features.WebLogin;
        if (!enabled)
        {
            throw new LoginException(LoginProblem.NotAvailable, $"{(mode == LoginMode.Qr ? "QR" : "web")} login with WeCom is not enabled for this sign-in");
        }

        var redirect = redirectUri ?? publicAddress.LoginCallback(tenantId);
        CheckDomains(connector, mode, GridPublicAddress.DomainOf(redirect), pageDomain ?? GridPublicAddress.DomainOf(redirect));
        var loginOrigin = new Uri(redirect.GetLeftPart(UriPartial.Authority) + "/");
        if (!ReturnAddresses.TryResolve(returnTo, loginOrigin, connector.AllowedReturnOrigins, out var destination))
        {
            throw new LoginException(LoginProblem.ReturnAddressRefused, "not an address this tenant allows (the login page's origin, or an allowed return origin of the connector)");
        }

        var privateInfo = mode == LoginMode.Web
            && !(knownUserId is not null
                && await grains.GetGrain<IWeComLoginGrain>(GridKeys.Connector(tenantId, connectorId)).HasValidConsent(knownUserId));
        var state = BrowserBinding.NewState();
        var binding = BrowserBinding.New();
        var expiresAt = await grains.GetGrain<ILoginStateGrain>(state).Begin(new LoginStateRequest(
            tenantId, connectorId, mode, BrowserBinding.Hash(binding), redirect.AbsoluteUri, returnTo is null ? "" : destination.AbsoluteUri, privateInfo));
        var url = mode == LoginMode.Qr
            ? urls.QrLogin(connector.CorpId, connector.AgentId, redirect, state)
            : urls.OAuthAuthorize(connector.CorpId, connector.AgentId, redirect, state, privateInfo ? WeComOAuthScope.PrivateInfo : WeComOAuthScope.Base);
        LogBegun(logger, tenantId, connectorId, mode, privateInfo);
        return new WeComLoginBegun(url, state, binding, expiresAt, connectorId);
    }

    /// <summary>Redeems the state (once, whatever happens next), then the code, and opens the session.</summary>
    /// <param name="tenantId">The tenant of the callback.</param>
    /// <param name="state">The state WeCom sent back.</param>
    /// <param name="code">The code; null or empty when the member cancelled at WeCom.</param>
    /// <param name="browserBinding">The secret the browser presents.</param>
    /// <param name="client">The user's client, for the session record.</param>
    /// <param name="cancel">Cancels the work (not the state's redemption).</param>
    public async Task<WeComLoginCompleted> CompleteAsync(
        string tenantId, string state, string? code, string? browserBinding, SessionClient client, CancellationToken cancel)
    {
        try
        {
            var completed = await RedeemAsync(tenantId, state, code, browserBinding, client, cancel);
            SignInMetrics.SignIn(completed.Session.Session.Method, "succeeded");
            return completed;
        }
        catch (LoginException refused)
        {
            SignInMetrics.SignIn(SignInMetrics.WeComUnknownMode, Outcome(refused.Problem));
            throw;
        }
    }

    private async Task<WeComLoginCompleted> RedeemAsync(
        string tenantId, string state, string? code, string? browserBinding, SessionClient client, CancellationToken cancel)
    {
        if (!WeComLoginUrls.IsValidState(state))
        {
            throw new LoginException(LoginProblem.StateUnknown, "This sign-in link is not valid. Start again from the login page.");
        }

        var redemption = await grains.GetGrain<ILoginStateGrain>(state)
            .Redeem(tenantId, null, BrowserBinding.Hash(browserBinding ?? string.Empty));
        var request = redemption.Request;
        if (redemption.Outcome != LoginStateOutcome.Redeemed || request is null)
        {
            throw redemption.Outcome switch
            {
                LoginStateOutcome.Expired => new LoginException(LoginProblem.StateExpired, "This sign-in took too long and has expired. Start again from the login page."),
                LoginStateOutcome.Reused => new LoginException(LoginProblem.StateReused, "This sign-in link has already been used. Start again from the login page."),
                LoginStateOutcome.Mismatched => new LoginException(LoginProblem.StateMismatched, "This sign-in was started in another browser or for another organization. Start again from the login page in this browser."),
                _ => new LoginException(LoginProblem.StateUnknown, "This sign-in link is not valid (or has expired). Start again from the login page."),
            };
        }

        if (string.IsNullOrEmpty(code))
        {
            throw new LoginException(LoginProblem.WeComRefused, "The sign-in was cancelled in WeCom. Start again from the login page.");
        }

        using var scope = LogScopes.Connector(logger, tenantId, request.ConnectorId);
        WeComLoginResult result;
        try
        {
            result = await grains.GetGrain<IWeComLoginGrain>(GridKeys.Connector(tenantId, request.ConnectorId)).Complete(code, request.Mode);
        }
        catch (Exception error) when (error is WeComApiException or HttpRequestException or TimeoutException)
        {
            // What the client did not retry past (or gave up on): a clear refusal, never an unknown error.
            LogWeComUnavailable(logger, error, tenantId, request.ConnectorId);
            throw new LoginException(
                LoginProblem.WeComUnavailable, "WeCom could not confirm the sign-in just now. Start again from the login page in a moment.");
        }

        if (result is { Failure: null, Account: { } account, UserId: { } userId })
        {
            var method = request.Mode == LoginMode.Qr ? SignInMethod.WeComQr : SignInMethod.WeComWeb;
            var session = await issuer.OpenAsync(account, method, client, cancel);
            return new WeComLoginCompleted(session, userId, request.ConnectorId, result.ConsentExpiresAt, request.ReturnTo);
        }

        throw result.Failure switch
        {
            WeComLoginFailure.AccountDisabled => new LoginException(LoginProblem.AccountDisabled, "This account is disabled or no longer with the organization. Ask your administrator."),
            WeComLoginFailure.NoAccount => new LoginException(LoginProblem.NoAccount, "There is no account for you here yet. Ask your administrator to synchronize the directory."),
            WeComLoginFailure.NotEnabled => new LoginException(LoginProblem.NotAvailable, "This kind of WeCom sign-in is no longer enabled."),
            _ => new LoginException(LoginProblem.WeComRefused, "WeCom did not confirm the sign-in. Start again from the login page."),
        };
    }

    private async Task<WeComConnectorView> LoadAsync(string tenantId, string connectorId)
    {
        if (!await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Exists())
        {
            throw new LoginException(LoginProblem.NotFound, $"There is no organization '{tenantId}' here.");
        }

        return await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, connectorId)).Get()
            ?? throw new LoginException(LoginProblem.NotFound, $"WeCom sign-in '{connectorId}' is not configured for this organization.");
    }

    // WeCom's three-domain rule where a login begins: the page's domain, the connector's login page domain, its
    // authorized callback domain (QR) or trusted domain (web) and the redirect_uri's domain are one host[:port].
    private static void CheckDomains(WeComConnectorView connector, LoginMode mode, string redirectDomain, string pageDomain)
    {
        var (callbackName, callbackDomain) = mode == LoginMode.Qr
            ? ("authorized_callback_domain", connector.AuthorizedCallbackDomain)
            : ("redirect_domain", connector.TrustedDomain);
        if (string.IsNullOrEmpty(connector.LoginPageDomain) || string.IsNullOrEmpty(callbackDomain))
        {
            throw new LoginException(LoginProblem.NotAvailable, $"WeCom sign-in is not set up: the connector needs login_page_domain and {callbackName}");
        }

        var loginPage = Normalize(connector.LoginPageDomain);
        if (!string.Equals(pageDomain, loginPage, StringComparison.Ordinal))
        {
            throw new LoginException(LoginProblem.WrongDomain, $"the login page was reached on '{pageDomain}' but the connector's login_page_domain is '{loginPage}': open the login page on {loginPage} (WeCom's three-domain rule)");
        }

        if (!string.Equals(redirectDomain, Normalize(callbackDomain), StringComparison.Ordinal))
        {
            throw new LoginException(LoginProblem.WrongDomain, $"the redirect_uri's domain '{redirectDomain}' differs from the connector's {callbackName} '{Normalize(callbackDomain)}' (WeCom's three-domain rule)");
        }
    }

    // Domains as WeCom compares them: lower-case, the scheme's default port left out.
    private static string Normalize(string domain)
    {
        var value = domain.Trim().ToLowerInvariant();
        return value.EndsWith(":80", StringComparison.Ordinal) || value.EndsWith(":443", StringComparison.Ordinal) ? value[..value.LastIndexOf(':')] : value;
    }

    [LoggerMessage(EventId = 8799, Level = LogLevel.Warning, Message = "WeCom sign-in for {TenantId}/{ConnectorId} failed: WeCom did not confirm the code")]
    private static partial void LogWeComUnavailable(ILogger logger, Exception error, string tenantId, string connectorId);

    [LoggerMessage(EventId = 8500, Level = LogLevel.Information, Message = "WeCom sign-in begun for {TenantId}/{ConnectorId} ({Mode}, private info {PrivateInfo})")]
    private static partial void LogBegun(ILogger logger, string tenantId, string connectorId, LoginMode mode, bool privateInfo);

    // The refusal as a metric's outcome tag (bounded, snake_case).
    private static string Outcome(LoginProblem problem) => problem switch
    {
        LoginProblem.NotFound => "not_found",
        LoginProblem.NotAvailable => "not_available",
        LoginProblem.WrongDomain => "wrong_domain",
        LoginProblem.ReturnAddressRefused => "return_address_refused",
        LoginProblem.StateUnknown => "state_unknown",
        LoginProblem.StateExpired => "state_expired",
        LoginProblem.StateReused => "state_reused",
        LoginProblem.StateMismatched => "state_mismatched",
        LoginProblem.WeComRefused => "wecom_refused",
        LoginProblem.NoAccount => "no_account",
        LoginProblem.AccountDisabled => "account_disabled",
        LoginProblem.WeComUnavailable => "wecom_unavailable",
        _ => "other",
    };
}
