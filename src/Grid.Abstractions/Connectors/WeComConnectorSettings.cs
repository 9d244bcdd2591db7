using System.Collections.Immutable;

namespace Grid.Abstractions.Connectors;

/// <summary>
/// The full configuration of a WeCom connector, as given to <see cref="IWeComConnectorGrain.Configure"/>.
/// The three secrets may be null to keep the stored ones (they are required on the first configuration); optional
/// parts (mappings, match rule, thresholds, schedule) may be null to keep the stored ones or take the defaults.
/// <see cref="ToString"/> never prints secrets.
/// </summary>
/// <param name="DisplayName">A human name for the connector (1..64 characters).</param>
/// <param name="CorpId">WeCom corp id (企业ID).</param>
/// <param name="AgentId">The self-built application's agent id (digits).</param>
/// <param name="AppSecret">The application secret (corpsecret).</param>
/// <param name="CallbackToken">The callback Token (1..32 letters and digits).</param>
/// <param name="EncodingAesKey">The callback EncodingAESKey (43 letters and digits).</param>
/// <param name="TrustedDomain">The OAuth trusted domain (可信域名) redirects must use, host[:port].</param>
/// <param name="AuthorizedCallbackDomain">The authorized callback domain for QR login (授权回调域), host[:port].</param>
/// <param name="LoginPageDomain">The domain the login page is served on, host[:port].</param>
/// <param name="EgressIps">The egress IPs configured as trusted IPs (企业可信IP) in WeCom.</param>
/// <param name="SyncNodeOrganizationId">The organization under which WeCom departments are mirrored.</param>
/// <param name="MatchRule">How existing accounts are adopted; null keeps the stored rule (default username = userid).</param>
/// <param name="FieldMappings">The field mappings; null keeps the stored ones.</param>
/// <param name="UserIdChangeMode">What to do when a userid changes.</param>
/// <param name="Thresholds">Protection thresholds; null keeps the stored ones (default 30 / 10).</param>
/// <param name="Schedule">The daily sync schedule; null keeps the stored one (default 03:00, enabled).</param>
/// <param name="Features">Enabled features and fallbacks.</param>
/// <param name="AllowedReturnOrigins">
/// Origins (scheme://host[:port]) besides the login page's own that a browser may be sent back to after signing in;
/// default (empty): the login page's origin only.
/// </param>
[GenerateSerializer, Immutable]
[Alias("grid.wecom-connector-settings")]
public sealed record WeComConnectorSettings(
    string DisplayName,
    string CorpId,
    string AgentId,
    string? AppSecret,
    string? CallbackToken,
    string? EncodingAesKey,
    string? TrustedDomain,
    string? AuthorizedCallbackDomain,
    string? LoginPageDomain,
    ImmutableArray<string> EgressIps,
    string SyncNodeOrganizationId,
    MatchRule? MatchRule,
    ConnectorFieldMappings? FieldMappings,
    UserIdChangeMode UserIdChangeMode,
    ProtectionThresholds? Thresholds,
    SyncSchedule? Schedule,
    LoginFeatures Features,
    ImmutableArray<string> AllowedReturnOrigins = default)
{
    /// <summary>The settings without secrets.</summary>
    public override string ToString() =>
        $"WeComConnectorSettings {{ DisplayName = {DisplayName}, CorpId = {CorpId}, AgentId = {AgentId}, "
        + $"AppSecret = {Redact(AppSecret)}, CallbackToken = {Redact(CallbackToken)}, "
        + $"EncodingAesKey = {Redact(EncodingAesKey)}, TrustedDomain = {TrustedDomain}, "
        + $"SyncNodeOrganizationId = {SyncNodeOrganizationId} }}";

    private static string Redact(string? secret) => secret is null ? "(unchanged)" : "***";
}
