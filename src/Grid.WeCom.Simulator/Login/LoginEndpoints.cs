using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Login;

/// <summary>
/// The two pages that issue codes: OAuth inside the WeCom client (open.weixin.qq.com/connect/oauth2/authorize) and
/// the web QR login (login.work.weixin.qq.com/wwlogin/sso/login). Each lists the members who may sign in; choosing
/// one stands for scanning (or confirming) and redirects to redirect_uri?code=CODE&amp;state=STATE. Tests skip the
/// page with <c>sim_userid</c> (or <c>sim_openid</c> for a non-member, <c>sim_deny=1</c> to refuse, and
/// <c>sim_consent=mobile,email</c> to consent to fewer sensitive fields). Inside the simulated WeCom client (user agent
/// with <c>wxwork/</c>, cookie <see cref="ClientMemberCookie"/>) the OAuth page knows its member.
/// </summary>
internal static class LoginEndpoints
{
    private const int MaxStateBytes = 128;
    private const int ListedMembers = 50;

    /// <summary>Who is signed in to the simulated WeCom client (a cookie on the simulator's origin).</summary>
    public const string ClientMemberCookie = "sim_wxwork_userid";

    // Chinese names stay readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static void Map(IEndpointRouteBuilder endpoints, WeComSimulator simulator)
    {
        endpoints.MapGet("/connect/oauth2/authorize", context => AuthorizeAsync(context, simulator));
        endpoints.MapGet("/wwlogin/sso/login", context => QrLoginAsync(context, simulator));
    }

    private static Task AuthorizeAsync(HttpContext context, WeComSimulator simulator)
    {
        var query = context.Request.Query;
        var company = simulator.FindCompany(query["appid"].ToString());
        if (company is null)
        {
            return RefuseAsync(context, simulator, "appid 参数错误", "appid is not a corp id served here");
        }

        if (query["response_type"].ToString() != "code")
        {
            return RefuseAsync(context, simulator, "response_type 参数错误", "response_type must be code");
        }

        var scope = query["scope"].ToString();
        if (scope is not (LoginScopes.Base or LoginScopes.PrivateInfo))
        {
            return RefuseAsync(context, simulator, "scope 参数错误", "scope must be snsapi_base or snsapi_privateinfo");
        }

        if (!TryReadCommon(context, simulator, company, out var request, out var refusal))
        {
            return refusal;
        }

        // "当oauth2中appid=corpid时，scope为snsapi_privateinfo时，必须填agentid参数，否则系统会视为snsapi_base".
        if (request.App is null && scope == LoginScopes.PrivateInfo)
        {
            scope = LoginScopes.Base;
        }

        var domainOk = request.App is not null
            ? TrustedDomains.Matches(request.App.TrustedDomain, request.Authority)
            : company.Apps.Any(app => TrustedDomains.Matches(app.TrustedDomain, request.Authority));
        if (!domainOk)
        {
            return DomainErrorAsync(context, simulator, request);
        }

        return ChooseAsync(context, simulator, company, request, scope, "授权");
    }

    private static Task QrLoginAsync(HttpContext context, WeComSimulator simulator)
    {
        var query = context.Request.Query;
        if (query["login_type"].ToString() != "CorpApp")
        {
            return RefuseAsync(context, simulator, "login_type 参数错误", "only login_type=CorpApp (self-built apps) is simulated");
        }

        var company = simulator.FindCompany(query["appid"].ToString());
        if (company is null)
        {
            return RefuseAsync(context, simulator, "appid 参数错误", "appid is not a corp id served here");
        }

        if (!TryReadCommon(context, simulator, company, out var request, out var refusal))
        {
            return refusal;
        }

        if (request.App is null)
        {
            return RefuseAsync(context, simulator, "agentid 参数错误", "login_type=CorpApp requires agentid");
        }

        if (!TrustedDomains.Matches(request.App.TrustedDomain, request.Authority))
        {
            return DomainErrorAsync(context, simulator, request);
        }

        return ChooseAsync(context, simulator, company, request, LoginScopes.QrLogin, "扫码");
    }

    private static bool TryReadCommon(
        HttpContext context,
        WeComSimulator simulator,
        SimulatedCompany company,
        out PageRequest request,
        out Task refusal)
    {
        var query = context.Request.Query;
        request = default!;
        refusal = Task.CompletedTask;
        var redirect = TrustedDomains.ParseRedirect(query["redirect_uri"].ToString());
        if (redirect is null)
        {
            refusal = RefuseAsync(context, simulator, "redirect_uri 参数错误", "redirect_uri must be an absolute http(s) URL");
            return false;
        }

        var state = query["state"].ToString();
        if (Encoding.UTF8.GetByteCount(state) > MaxStateBytes)
        {
            refusal = RefuseAsync(context, simulator, "state 参数错误", "state must not exceed 128 bytes");
            return false;
        }

        SimulatedApp? app = null;
        var agentIdText = query["agentid"].ToString();
        if (agentIdText.Length > 0)
        {
            app = int.TryParse(agentIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var agentId) ? company.FindApp(agentId) : null;
            if (app is null)
            {
                refusal = RefuseAsync(context, simulator, "agentid 参数错误", "agentid is not an app of this corp");
                return false;
            }
        }

        request = new PageRequest(redirect, TrustedDomains.AuthorityOf(redirect), state, app);
        return true;
    }

    private static Task ChooseAsync(
        HttpContext context,
        WeComSimulator simulator,
        SimulatedCompany company,
        PageRequest request,
        string scope,
        string verb)
    {
        var query = context.Request.Query;
        if (query["sim_deny"].ToString() is "1" or "true")
        {
            // The member refused: "redirect_uri?state=STATE" without a code.
            return RedirectAsync(context, request, code: null);
        }

        var openId = query["sim_openid"].ToString();
        if (openId.Length > 0)
        {
            var code = simulator.Codes.Issue(company.CorpId, request.App?.AgentId, null, openId, scope, request.Authority, SensitiveFields.None);
            SimulatorLog.CodeIssued(simulator.Logger, company.CorpId, "a non-member", scope);
            return RedirectAsync(context, request, code.Code);
        }

        var userId = query["sim_userid"].ToString();

        // Inside the WeCom client (a user agent with "wxwork/") the member is whoever is signed in to the client, here
        // the cookie sim_wxwork_userid: OAuth with snsapi_base is silent ("静默授权"), snsapi_privateinfo asks that
        // member alone to confirm ("手动授权").
        var clientMember = scope is LoginScopes.Base or LoginScopes.PrivateInfo
            && context.Request.Headers.UserAgent.ToString().Contains("wxwork/", StringComparison.OrdinalIgnoreCase)
            ? context.Request.Cookies[ClientMemberCookie]
            : null;
        if (userId.Length == 0 && clientMember is { Length: > 0 } && scope == LoginScopes.Base)
        {
            userId = clientMember;
        }

        if (userId.Length == 0)
        {
            return PageAsync(context, company, request, scope, verb, clientMember is { Length: > 0 } ? clientMember : null);
        }

        var (member, inScope) = request.App is null
            ? (company.FindMember(userId), true)
            : company.FindForLogin(request.App.AgentId, userId);
        if (member is null)
        {
            return RefuseAsync(context, simulator, "成员不存在", $"no member '{userId}' in this corp", StatusCodes.Status404NotFound);
        }

        if (member.Status != MemberStatus.Active)
        {
            return RefuseAsync(context, simulator, "该成员无法登录", $"member '{member.UserId}' is {member.Status}", StatusCodes.Status403Forbidden);
        }

        // QR login: "若用户不在agentid所指应用的可见范围，扫码时会提示无权限"; privateinfo: "要求成员必须在应用可见范围内，否则页面会报错".
        if (!inScope && scope is LoginScopes.QrLogin or LoginScopes.PrivateInfo)
        {
            return RefuseAsync(context, simulator, "无权限", $"member '{member.UserId}' is not in the app's visible scope", StatusCodes.Status403Forbidden);
        }

        var consent = scope == LoginScopes.PrivateInfo ? ReadConsent(query["sim_consent"].ToString(), request.App!) : SensitiveFields.None;
        var issued = simulator.Codes.Issue(company.CorpId, request.App?.AgentId, member.UserId, null, scope, request.Authority, consent);
        SimulatorLog.CodeIssued(simulator.Logger, company.CorpId, member.UserId, scope);
        return RedirectAsync(context, request, issued.Code);
    }

    /// <summary>What the member ticks on the consent screen: by default everything the admin allows.</summary>
    private static SensitiveFields ReadConsent(string text, SimulatedApp app)
    {
        if (text.Length == 0)
        {
            return app.AllowedSensitiveFields;
        }

        var consent = SensitiveFields.None;
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            consent |= name.ToLowerInvariant() switch
            {
                "gender" => SensitiveFields.Gender,
                "avatar" => SensitiveFields.Avatar,
                "qr_code" or "qrcode" => SensitiveFields.QrCode,
                "mobile" => SensitiveFields.Mobile,
                "email" => SensitiveFields.Email,
                "biz_mail" or "bizmail" => SensitiveFields.BizMail,
                "address" => SensitiveFields.Address,
                "all" => SensitiveFields.All,
                _ => SensitiveFields.None,
            };
        }

        return consent & app.AllowedSensitiveFields;
    }

    private static Task RedirectAsync(HttpContext context, PageRequest request, string? code)
    {
        var builder = new UriBuilder(request.Redirect);
        var existing = builder.Query.TrimStart('?');
        var added = code is null
            ? $"state={Uri.EscapeDataString(request.State)}"
            : $"code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(request.State)}";
        builder.Query = existing.Length == 0 ? added : existing + "&" + added;
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = builder.Uri.AbsoluteUri;
        return Task.CompletedTask;
    }

    private static Task DomainErrorAsync(HttpContext context, WeComSimulator simulator, PageRequest request)
    {
        // WeCom shows "redirect_uri 参数错误" (its page: /wwopen/uriconfirm?err_type=domain_err&uri=…) and issues no code.
        var html = new StringBuilder();
        html.Append("<p class=\"err\">redirect_uri 参数错误</p>")
            .Append("<p>err_type=domain_err: the host and port of <code>").Append(Html(request.Redirect.AbsoluteUri))
            .Append("</code> (").Append(Html(request.Authority)).Append(") must equal the app's trusted domain");
        if (request.App is not null)
        {
            html.Append(" (").Append(Html(request.App.TrustedDomain ?? "none configured")).Append(')');
        }

        html.Append(".</p>");
        SimulatorLog.LoginRefused(simulator.Logger, "redirect_uri domain is not the app's trusted domain");
        return HtmlAsync(context, StatusCodes.Status400BadRequest, "redirect_uri 参数错误", html.ToString());
    }

    private static Task RefuseAsync(HttpContext context, WeComSimulator simulator, string title, string reason, int status = StatusCodes.Status400BadRequest)
    {
        SimulatorLog.LoginRefused(simulator.Logger, reason);
        return HtmlAsync(context, status, title, $"<p class=\"err\">{Html(title)}</p><p>{Html(reason)}</p>");
    }

    private static Task PageAsync(HttpContext context, SimulatedCompany company, PageRequest request, string scope, string verb, string? onlyUserId)
    {
        var filter = onlyUserId ?? context.Request.Query["q"].ToString();
        var candidates = company.LoginCandidates(request.App?.AgentId, filter, ListedMembers)
            .Where(member => onlyUserId is null || member.UserId == onlyUserId).ToList();
        var html = new StringBuilder();
        html.Append("<p>").Append(Html(company.Name)).Append(" · ")
            .Append(Html(request.App is null ? "snsapi_base" : $"{request.App.Name} ({request.App.AgentId})"))
            .Append(" · scope ").Append(Html(scope)).Append("</p>");
        html.Append("<p>Choose who ").Append(verb == "扫码" ? "scans the QR code" : "authorises").Append(" (simulated):</p>");
        html.Append("<form method=\"get\">");
        foreach (var (key, value) in context.Request.Query)
        {
            if (key is not ("q" or "sim_userid"))
            {
                html.Append("<input type=\"hidden\" name=\"").Append(Html(key)).Append("\" value=\"").Append(Html(value.ToString())).Append("\">");
            }
        }

        html.Append("<input name=\"q\" placeholder=\"search name or userid\" value=\"").Append(Html(filter)).Append("\"> <button>search</button> ")
            .Append("<input name=\"sim_userid\" placeholder=\"or type a userid\"> <button>sign in</button></form><ul>");
        foreach (var member in candidates)
        {
            html.Append("<li><a class=\"member\" data-userid=\"").Append(Html(member.UserId)).Append("\" href=\"")
                .Append(Html(WithQuery(context, "sim_userid", member.UserId))).Append("\">")
                .Append(Html(verb)).Append(" as ").Append(Html(member.Name)).Append(" (").Append(Html(member.UserId)).Append(")</a></li>");
        }

        html.Append("</ul>");
        if (candidates.Count == ListedMembers)
        {
            html.Append("<p>Only the first ").Append(ListedMembers).Append(" members are listed; search to find others.</p>");
        }

        html.Append("<p><a id=\"deny\" href=\"").Append(Html(WithQuery(context, "sim_deny", "1"))).Append("\">拒绝 (deny)</a> · ")
            .Append("<a id=\"non-member\" href=\"").Append(Html(WithQuery(context, "sim_openid", "sim-openid-" + Guid.NewGuid().ToString("N")[..12])))
            .Append("\">a non-member (WeChat user)</a></p>");
        return HtmlAsync(context, StatusCodes.Status200OK, verb == "扫码" ? "企业微信登录" : "企业微信授权", html.ToString());
    }

    private static string WithQuery(HttpContext context, string key, string value)
    {
        var parts = context.Request.Query
            .Where(pair => pair.Key is not ("sim_userid" or "sim_deny" or "sim_openid" or "q"))
            .Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value.ToString())}")
            .Append($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}");
        return context.Request.Path + "?" + string.Join('&', parts);
    }

    private static async Task HtmlAsync(HttpContext context, int status, string title, string body)
    {
        var page = $"<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{Html(title)}</title>"
            + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}.err{color:#c00;font-weight:bold}li{margin:.3em 0}</style>"
            + $"</head><body><h1>{Html(title)}</h1>{body}<p><small>WeCom simulator</small></p></body></html>";
        var bytes = Encoding.UTF8.GetBytes(page);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Html(string text) => Encoder.Encode(text);

    private sealed record PageRequest(Uri Redirect, string Authority, string State, SimulatedApp? App);
}
