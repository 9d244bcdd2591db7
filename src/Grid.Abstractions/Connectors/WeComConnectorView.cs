using System.Collections.Immutable;

namespace Grid.Abstractions.Connectors;

/// <summary>
/// A connector as returned to admins: every setting except the secrets, of which only <see cref="SecretHint"/>s are
/// shown; plus the next scheduled run (null when the schedule is off), who changed it last, and the origins a browser may
/// return to after signing in besides the login page's own.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.wecom-connector-view")]
public sealed record WeComConnectorView(
    string TenantId,
    string ConnectorId,
    string DisplayName,
    string CorpId,
    string AgentId,
    SecretHint AppSecret,
    SecretHint CallbackToken,
    SecretHint EncodingAesKey,
    string? TrustedDomain,
    string? AuthorizedCallbackDomain,
    string? LoginPageDomain,
    ImmutableArray<string> EgressIps,
    string SyncNodeOrganizationId,
    MatchRule? MatchRule,
    ConnectorFieldMappings FieldMappings,
    UserIdChangeMode UserIdChangeMode,
    ProtectionThresholds Thresholds,
    SyncSchedule Schedule,
    LoginFeatures Features,
    DateTimeOffset? NextScheduledRunAt,
    long Version,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    ImmutableArray<string> AllowedReturnOrigins);
