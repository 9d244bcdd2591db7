using System.Text.Json;
using Grid.WeCom.Simulator.Login;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Api;

// Part of CgiBinEndpoints: auth/*, the login APIs (getuserinfo, getuserdetail).
internal static partial class CgiBinEndpoints
{
    private const string DefaultAvatar = "https://wework.qpic.cn/wwpic/default_avatar/0";

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
}
