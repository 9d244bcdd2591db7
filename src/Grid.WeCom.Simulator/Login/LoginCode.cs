using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Login;

/// <summary>
/// A code issued by the OAuth or QR-login page: who authorised (a member's userid, or a non-member's openid), for
/// which app (null for snsapi_base without agentid), with which scope, to which redirect host, and what the member
/// consented to share.
/// </summary>
internal sealed record LoginCode(
    string Code,
    string CorpId,
    int? AgentId,
    string? UserId,
    string? OpenId,
    string Scope,
    string RedirectAuthority,
    DateTimeOffset IssuedAt,
    SensitiveFields Consent);
