using System.Globalization;
using System.Text.Json;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Api;

/// <summary>
/// qyapi.weixin.qq.com's /cgi-bin/* paths: gettoken, department/*, user/*, auth/*. Errors are HTTP 200 with an
/// errcode, as WeCom answers them. Checks run in WeCom's order: token (41001, 40014, 42001), trusted IP (60020),
/// frequency (45009), then the API's own.
/// </summary>
internal static partial class CgiBinEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

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
