using System.Globalization;
using System.Text.Json;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Login;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Api;

/// <summary>
/// qyapi.weixin.qq.com's /cgi-bin/* paths: gettoken, department/*, user/*, auth/*. Errors are HTTP 200 with an
/// errcode, as WeCom answers them. Checks run in WeCom's order: token (41001, 40014, 42001), trusted IP (60020),
/// frequency (45009), then the API's own.
/// </summary>
internal static class CgiBinEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;
    private const string DefaultAvatar = "https://wework.qpic.cn/wwpic/default_avatar/0";

    public static void Map(IEndpointRouteBuilder endpoints, WeComSimulator simulator)
    {
        endpoints.Map("/cgi-bin/gettoken", context => GetTokenAsync(context, simulator));
        endpoints.Map("/cgi-bin/department/list", context => ServeAsync(context, simulator, "department/list", DepartmentListAsync));
        endpoints.Map("/cgi-bin/department/simplelist", context => ServeAsync(context, simulator, "department/simplelist", DepartmentSimpleListAsync));
        endpoints.Map("/cgi-bin/department/get", context => ServeAsync(context, simulator, "department/get", DepartmentGetAsync));
        endpoints.Map("/cgi-bin/user/list_id", context => ServeAsync(context, simulator, "user/list_id", UserListIdAsync));
        endpoints.Map("/cgi-bin/user/simplelist", context => ServeAsync(context, simulator, "user/simplelist", UserSimpleListAsync));
        endpoints.Map("/cgi-bin/user/list", context => ServeAsync(context, simulator, "user/list", UserListAsync));
        endpoints.Map("/cgi-bin/user/get", context => ServeAsync(context, simulator, "user/get", UserGetAsync));
        endpoints.Map("/cgi-bin/auth/getuserinfo", context => ServeAsync(context, simulator, "auth/getuserinfo", GetUserInfoAsync, countQuota: false));
        endpoints.Map("/cgi-bin/auth/getuserdetail", context => ServeAsync(context, simulator, "auth/getuserdetail", GetUserDetailAsync));
    }

    private static Task GetTokenAsync(HttpContext context, WeComSimulator simulator)
    {
        var corpId = context.Request.Query["corpid"].ToString();
        var secret = context.Request.Query["corpsecret"].ToString();
        if (corpId.Length == 0)
        {
            return FailAsync(context, simulator, WeComErrors.CorpIdMissing);
        }

        if (secret.Length == 0)
        {
            return FailAsync(context, simulator, WeComErrors.SecretMissing);
        }

        var company = simulator.FindCompany(corpId);
        if (company is null)
        {
            return FailAsync(context, simulator, WeComErrors.InvalidCorpId);
        }

        if (!simulator.QuotaCounters.TryAcquire(corpId, "gettoken", simulator.Quotas))
        {
            SimulatorLog.QuotaExceeded(simulator.Logger, "gettoken", corpId);
            return FailAsync(context, simulator, WeComErrors.FrequencyLimit);
        }

        var app = company.Apps.FirstOrDefault(a => string.Equals(a.Secret, secret, StringComparison.Ordinal));
        if (app is null)
        {
            return FailAsync(context, simulator, WeComErrors.InvalidCredential);
        }

        var (token, expiresIn) = simulator.Tokens.Issue(corpId, app.AgentId);
        return ApiResponses.OkAsync(context, writer =>
        {
            writer.WriteString("access_token", token);
            writer.WriteNumber("expires_in", expiresIn);
        });
    }

    private static async Task ServeAsync(
        HttpContext context,
        WeComSimulator simulator,
        string api,
        Func<ApiCall, Task> handler,
        bool countQuota = true)
    {
        var token = context.Request.Query["access_token"].ToString();
        if (token.Length == 0)
        {
            await FailAsync(context, simulator, WeComErrors.AccessTokenMissing).ConfigureAwait(false);
            return;
        }

        var (errCode, issued) = simulator.Tokens.Validate(token);
        var company = issued is null ? null : simulator.FindCompany(issued.CorpId);
        var app = issued is null ? null : company?.FindApp(issued.AgentId);
        if (errCode != WeComErrors.Ok || company is null || app is null)
        {
            await FailAsync(context, simulator, errCode != WeComErrors.Ok ? errCode : WeComErrors.InvalidAccessToken).ConfigureAwait(false);
            return;
        }

        var caller = context.Connection.RemoteIpAddress;
        if (app.TrustedIps.Count > 0 && (caller is null || !app.TrustedIps.Any(ip => ip.Equals(caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller))))
        {
            await FailAsync(context, simulator, WeComErrors.IpNotAllowed).ConfigureAwait(false);
            return;
        }

        var call = new ApiCall(context, simulator, company, app, api);
        if (countQuota && !call.TryAcquireQuota())
        {
            await call.FailAsync(WeComErrors.FrequencyLimit).ConfigureAwait(false);
            return;
        }

        await handler(call).ConfigureAwait(false);
    }

    private static Task DepartmentListAsync(ApiCall call)
    {
        if (!TryOptionalInt(call.Query("id"), out var id))
        {
            return call.FailAsync(WeComErrors.DepartmentNotFound);
        }

        var outcome = call.Company.ListDepartments(call.App.AgentId, id);
        return outcome.ErrCode != WeComErrors.Ok
            ? call.FailAsync(outcome.ErrCode)
            : ApiResponses.OkAsync(call.Context, writer =>
            {
                writer.WriteStartArray("department");
                foreach (var department in outcome.Value!)
                {
                    MemberJson.WriteDepartment(writer, department);
                }

                writer.WriteEndArray();
            });
    }

    private static Task DepartmentSimpleListAsync(ApiCall call)
    {
        if (!TryOptionalInt(call.Query("id"), out var id))
        {
            return call.FailAsync(WeComErrors.DepartmentNotFound);
        }

        var outcome = call.Company.ListDepartments(call.App.AgentId, id);
        return outcome.ErrCode != WeComErrors.Ok
            ? call.FailAsync(outcome.ErrCode)
            : ApiResponses.OkAsync(call.Context, writer =>
            {
                writer.WriteStartArray("department_id");
                foreach (var department in outcome.Value!)
                {
                    MemberJson.WriteDepartmentId(writer, department.Department);
                }

                writer.WriteEndArray();
            });
    }

    private static Task DepartmentGetAsync(ApiCall call)
    {
        if (!TryOptionalInt(call.Query("id"), out var id) || id is null)
        {
            return call.FailAsync(WeComErrors.DepartmentNotFound);
        }

        var outcome = call.Company.GetDepartment(call.App.AgentId, id.Value);
        return outcome.ErrCode != WeComErrors.Ok
            ? call.FailAsync(outcome.ErrCode)
            : ApiResponses.OkAsync(call.Context, writer =>
            {
                writer.WritePropertyName("department");
                MemberJson.WriteDepartment(writer, outcome.Value!);
            });
    }

    private static async Task UserListIdAsync(ApiCall call)
    {
        if (!HttpMethods.IsPost(call.Context.Request.Method))
        {
            // errcode 40058 explanation: "当接口要求请求方式为POST时，实际调用中使用了GET方式…".
            await call.FailAsync(WeComErrors.InvalidParameter).ConfigureAwait(false);
            return;
        }

        using var body = await ReadBodyAsync(call.Context).ConfigureAwait(false);
        if (body is null)
        {
            await call.FailAsync(WeComErrors.DataFormatError).ConfigureAwait(false);
            return;
        }

        var root = body.RootElement;
        MemberCursor? cursor = null;
        var limit = 10_000;
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("cursor", out var cursorElement) && cursorElement.ValueKind == JsonValueKind.String
                && cursorElement.GetString() is { Length: > 0 } cursorText)
            {
                if (!MemberCursor.TryDecode(cursorText, call.Company.CursorKey, out var decoded))
                {
                    await call.FailAsync(WeComErrors.InvalidParameter).ConfigureAwait(false);
                    return;
                }

                cursor = decoded;
            }

            if (root.TryGetProperty("limit", out var limitElement)
                && (!limitElement.TryGetInt32(out limit) || limit is < 1 or > 10_000))
            {
                await call.FailAsync(WeComErrors.InvalidParameter).ConfigureAwait(false);
                return;
            }
        }

        var page = call.Company.ListMemberIds(call.App.AgentId, cursor, limit);
        await ApiResponses.OkAsync(call.Context, writer =>
        {
            writer.WriteString("next_cursor", page.Next?.Encode(call.Company.CursorKey) ?? "");
            writer.WriteStartArray("dept_user");
            foreach (var (userId, department) in page.Rows)
            {
                writer.WriteStartObject();
                writer.WriteString("userid", userId);
                writer.WriteNumber("department", department);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private static Task UserSimpleListAsync(ApiCall call) => UserListCoreAsync(call, MemberJson.WriteSimpleMember);

    private static Task UserListAsync(ApiCall call) => UserListCoreAsync(call, MemberJson.WriteMember);

    private static Task UserListCoreAsync(ApiCall call, Action<Utf8JsonWriter, MemberView> write)
    {
        if (!TryOptionalInt(call.Query("department_id"), out var departmentId) || departmentId is null)
        {
            return call.FailAsync(WeComErrors.DepartmentNotFound);
        }

        var outcome = call.Company.ListMembers(call.App.AgentId, departmentId.Value);
        return outcome.ErrCode != WeComErrors.Ok
            ? call.FailAsync(outcome.ErrCode)
            : ApiResponses.OkAsync(call.Context, writer =>
            {
                writer.WriteStartArray("userlist");
                foreach (var member in outcome.Value!)
                {
                    write(writer, member);
                }

                writer.WriteEndArray();
            });
    }

    private static Task UserGetAsync(ApiCall call)
    {
        var userId = call.Query("userid");
        if (userId.Length == 0)
        {
            return call.FailAsync(WeComErrors.UserIdMissing);
        }

        var outcome = call.Company.GetMember(call.App.AgentId, userId);
        if (outcome.ErrCode != WeComErrors.Ok)
        {
            return call.FailAsync(outcome.ErrCode);
        }

        // user/get is the member object itself beside errcode/errmsg, not wrapped.
        return ApiResponses.OkAsync(call.Context, writer => MemberJson.WriteMemberFields(writer, outcome.Value!));
    }

    private static Task GetUserInfoAsync(ApiCall call)
    {
        // "若code合法则不受上述频率限制": only calls with a bad code count against the quota.
        var code = call.Query("code");
        var issued = code.Length == 0 ? null : call.Simulator.Codes.Find(code);
        if (issued is null || issued.CorpId != call.Company.CorpId)
        {
            return !call.TryAcquireQuota()
                ? call.FailAsync(WeComErrors.FrequencyLimit)
                : call.FailAsync(code.Length == 0 ? WeComErrors.CodeMissing : WeComErrors.InvalidCode);
        }

        // "跳转的域名须完全匹配access_token对应应用的可信域名，否则会返回50001".
        if ((issued.AgentId is { } agentId && agentId != call.App.AgentId)
            || !TrustedDomains.Matches(call.App.TrustedDomain, issued.RedirectAuthority))
        {
            return call.FailAsync(WeComErrors.RedirectUriUnauthorized);
        }

        if (!call.Simulator.Codes.TryConsume(code))
        {
            return call.FailAsync(WeComErrors.InvalidCode);
        }

        if (issued.UserId is null)
        {
            return ApiResponses.OkAsync(call.Context, writer => writer.WriteString("openid", issued.OpenId));
        }

        var (member, inScope) = call.Company.FindForLogin(call.App.AgentId, issued.UserId);
        string? ticket = null;
        if (issued.Scope == LoginScopes.PrivateInfo && member is not null && inScope)
        {
            ticket = call.Simulator.Tickets.Issue(call.Company.CorpId, call.App.AgentId, member.UserId, issued.Consent).Ticket;
        }

        var userId = member?.UserId ?? issued.UserId;
        return ApiResponses.OkAsync(call.Context, writer =>
        {
            writer.WriteString("userid", userId);
            if (ticket is not null)
            {
                writer.WriteString("user_ticket", ticket);
            }
        });
    }

    private static async Task GetUserDetailAsync(ApiCall call)
    {
        using var body = await ReadBodyAsync(call.Context).ConfigureAwait(false);
        if (body is null)
        {
            await call.FailAsync(WeComErrors.DataFormatError).ConfigureAwait(false);
            return;
        }

        var ticketText = body.RootElement.ValueKind == JsonValueKind.Object
            && body.RootElement.TryGetProperty("user_ticket", out var element) && element.ValueKind == JsonValueKind.String
                ? element.GetString()
                : null;
        if (string.IsNullOrEmpty(ticketText))
        {
            await call.FailAsync(WeComErrors.UserTicketMissing).ConfigureAwait(false);
            return;
        }

        var ticket = call.Simulator.Tickets.Find(ticketText);
        if (ticket is null || ticket.CorpId != call.Company.CorpId || ticket.AgentId != call.App.AgentId)
        {
            await call.FailAsync(WeComErrors.UserTicketInvalid).ConfigureAwait(false);
            return;
        }

        if (call.Simulator.Tickets.IsExpired(ticket))
        {
            await call.FailAsync(WeComErrors.UserTicketExpired).ConfigureAwait(false);
            return;
        }

        var (member, inScope) = call.Company.FindForLogin(call.App.AgentId, ticket.UserId);
        if (member is null)
        {
            await call.FailAsync(WeComErrors.UserIdNotFound).ConfigureAwait(false);
            return;
        }

        if (!inScope)
        {
            await call.FailAsync(WeComErrors.NoPrivilege).ConfigureAwait(false);
            return;
        }

        // "敏感字段需要管理员在应用详情里选择，且成员oauth2授权时确认后才返回".
        var shared = call.App.AllowedSensitiveFields & ticket.Consent;
        await ApiResponses.OkAsync(call.Context, writer =>
        {
            writer.WriteString("userid", member.UserId);
            writer.WriteString("gender", shared.HasFlag(SensitiveFields.Gender) ? member.Gender : "0");
            writer.WriteString("avatar", shared.HasFlag(SensitiveFields.Avatar) ? member.Avatar : DefaultAvatar);
            if (shared.HasFlag(SensitiveFields.QrCode))
            {
                writer.WriteString("qr_code", member.QrCode);
            }

            if (shared.HasFlag(SensitiveFields.Mobile))
            {
                writer.WriteString("mobile", member.Mobile);
            }

            if (shared.HasFlag(SensitiveFields.Email))
            {
                writer.WriteString("email", member.Email);
            }

            if (shared.HasFlag(SensitiveFields.BizMail))
            {
                writer.WriteString("biz_mail", member.BizMail);
            }

            if (shared.HasFlag(SensitiveFields.Address))
            {
                writer.WriteString("address", member.Address);
            }
        }).ConfigureAwait(false);
    }

    private static Task FailAsync(HttpContext context, WeComSimulator simulator, int errCode)
    {
        var path = context.Request.Path.Value ?? "";
        SimulatorLog.ApiError(simulator.Logger, path, errCode);
        simulator.OnErrCodeAnswered(path, errCode, injected: false);
        return ApiResponses.ErrorAsync(context, errCode);
    }

    private static bool TryOptionalInt(string text, out int? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The JSON body (an empty body reads as {}), or null when it is not JSON or too large.</summary>
    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return JsonDocument.Parse("{}");
        }

        try
        {
            return JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One authorised business call: who calls (company and app) and how to answer.</summary>
    private sealed record ApiCall(HttpContext Context, WeComSimulator Simulator, SimulatedCompany Company, SimulatedApp App, string Api)
    {
        public string Query(string name) => Context.Request.Query[name].ToString();

        public bool TryAcquireQuota()
        {
            if (Simulator.QuotaCounters.TryAcquire(Company.CorpId, Api, Simulator.Quotas))
            {
                return true;
            }

            SimulatorLog.QuotaExceeded(Simulator.Logger, Api, Company.CorpId);
            return false;
        }

        public Task FailAsync(int errCode) => CgiBinEndpoints.FailAsync(Context, Simulator, errCode);
    }
}
