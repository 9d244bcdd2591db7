using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using Grid.Abstractions;
using Grid.Abstractions.Sessions;
using Grid.Abstractions.Sync;
using Grid.Sync.Mapping;

namespace Grid.Host.Grpc;

/// <summary>
/// The one table of what a grid.v1 request may hold, enforced by <see cref="RequestValidator"/> before any grain call.
/// Every string field has a length limit and refuses control characters, every repeated field a count limit, every
/// enum field only the proto's values; id fields also follow the rule their proto comment states. A field takes the
/// rule of its full name, else of its name (ids are named alike in every message), else the defaults.
/// </summary>
internal static class RequestLimits
{
    /// <summary>The longest string a field takes unless the table says otherwise (names, domains, lookups keys).</summary>
    public const int DefaultMaxLength = 256;

    /// <summary>The most values a repeated field takes unless the table says otherwise.</summary>
    public const int DefaultMaxCount = 100;

    /// <summary>The most field violations one error lists; the rest are counted.</summary>
    public const int MaxViolations = 10;

    /// <summary>The largest request message accepted: far above any valid request (100 mappings of 1 KB).</summary>
    public const int MaxReceiveMessageSize = 1024 * 1024;

    private static readonly FieldRule Default = new(DefaultMaxLength);

    private static readonly FieldRule Id = new(
        GridKeys.MaxIdLength, GridKeys.IsValidId, "an id (1..64 characters of letters, digits, '_', '-' and '.', not only dots)");

    private static readonly FieldRule Token = new(128);

    private static readonly FieldRule WeComUserId = new(
        GridKeys.MaxWeComUserIdLength, GridKeys.IsValidWeComUserId, "a WeCom userid (1..64 characters of letters, digits, '_', '-', '@' and '.')");

    private static readonly FrozenDictionary<string, FieldRule> ByName = new Dictionary<string, FieldRule>
    {
        ["tenant_id"] = new(GridKeys.MaxTenantIdLength, GridKeys.IsValidTenantId, "a tenant id (1..63 characters of a-z, 0-9 and '-')"),
        ["connector_id"] = new(
            GridKeys.MaxConnectorIdLength, GridKeys.IsValidConnectorId, "a connector id (1..40 characters of a-z, 0-9 and '-')"),
        ["client_id"] = new(
            GridKeys.MaxClientIdLength, GridKeys.IsValidClientId, "a client id (1..128 characters of letters, digits, '_', '-' and '.')"),
        ["account_id"] = Id,
        ["organization_id"] = Id,
        ["parent_id"] = Id,
        ["sync_organization_id"] = Id,
        ["run_id"] = Id,
        ["held_change_ids"] = new(GridKeys.MaxIdLength, GridKeys.IsValidId, "a held change id (h_…)", MaxCount: 1000),
        ["request_id"] = Id,
        ["wecom_userid"] = WeComUserId,
        ["userids"] = WeComUserId with { MaxCount = MappingPreviewRequest.MaxMembers },
        ["event_id"] = new(19, id => long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0,
            "an event id (a positive number, as listed)"),
        ["page_token"] = Token,
        ["plan_page_token"] = Token,
        ["resume_token"] = Token,
        ["time_zone"] = new(64),
        ["scopes"] = new(64, MaxCount: 10),

        // An IPv6 address with a zone is at most 45 characters; room for a typo to be reported as such.
        ["trusted_ips"] = new(64),
        ["allowed_return_origins"] = new(256, MaxCount: 20),

        // OpenID Connect applications: exact addresses, as many as an application registers (Grid.Grains.Oidc).
        ["redirect_uris"] = new(512, MaxCount: 10),
        ["post_logout_redirect_uris"] = new(512, MaxCount: 10),

        // WeCom sign-in: WeCom's states are at most 128 characters, its codes about 43 (field `code`, shared with the
        // SMS sign-in's 6-digit codes: an SMS code of another form is just a wrong code); addresses may be long.
        ["state"] = new(128),
        ["code"] = new(512),
        ["browser_binding"] = new(128),
        ["redirect_uri"] = new(2048),
        ["return_to"] = new(2048),
        ["known_userid"] = WeComUserId,
        ["target"] = new(64),
        ["account_field"] = new(64),
        ["member_field"] = new(64),
        ["local_time"] = new(16),
        ["agent_id"] = new(16),
        ["expression"] = new(MappingExpression.MaxLength, AllowLineBreaks: true),

        // Sign-in: an end user's access token is a JWT of well under 2 KB; refresh tokens are Grid's own layout.
        ["access_token"] = new(4096),
        ["refresh_token"] = new(SessionKeys.MaxRefreshTokenLength),
        ["session_id"] = Id,
        ["user_agent"] = new(512),
        ["ip_address"] = new(64),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static FieldRule For(FieldDescriptor field) => ByName.GetValueOrDefault(field.Name, Default);
}

/// <summary>
/// What one request field may hold: at most <paramref name="MaxLength"/> characters per string, at most
/// <paramref name="MaxCount"/> values when repeated, and, when not empty, what <paramref name="IsValid"/> accepts
/// (described as <paramref name="Expected"/>). Control characters are refused; tab and line breaks only where
/// <paramref name="AllowLineBreaks"/> (multi-line text such as a mapping expression).
/// </summary>
internal sealed record FieldRule(
    int MaxLength,
    Func<string, bool>? IsValid = null,
    string? Expected = null,
    int MaxCount = RequestLimits.DefaultMaxCount,
    bool AllowLineBreaks = false);
