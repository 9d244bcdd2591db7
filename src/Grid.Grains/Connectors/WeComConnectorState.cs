using Grid.Abstractions.Connectors;
using Grid.Abstractions.Tenants;

namespace Grid.Grains.Connectors;

/// <summary>Connector settings; the three secrets only sealed (<see cref="Secrets.ISecretSealer"/>).</summary>
[GenerateSerializer]
[Alias("grid.wecom-connector-state")]
public sealed class WeComConnectorState
{
    [Id(0)]
    public bool Exists { get; set; }

    [Id(1)]
    public string DisplayName { get; set; } = "";

    [Id(2)]
    public string CorpId { get; set; } = "";

    [Id(3)]
    public string AgentId { get; set; } = "";

    [Id(4)]
    public string? SealedAppSecret { get; set; }

    [Id(5)]
    public string? SealedCallbackToken { get; set; }

    [Id(6)]
    public string? SealedEncodingAesKey { get; set; }

    [Id(7)]
    public string? AppSecretLastFour { get; set; }

    [Id(8)]
    public string? CallbackTokenLastFour { get; set; }

    [Id(9)]
    public string? EncodingAesKeyLastFour { get; set; }

    [Id(10)]
    public string? TrustedDomain { get; set; }

    [Id(11)]
    public string? AuthorizedCallbackDomain { get; set; }

    [Id(12)]
    public string? LoginPageDomain { get; set; }

    [Id(13)]
    public List<string> EgressIps { get; set; } = [];

    [Id(14)]
    public string SyncNodeOrganizationId { get; set; } = "";

    [Id(15)]
    public MatchRule? MatchRule { get; set; }

    [Id(16)]
    public ConnectorFieldMappings FieldMappings { get; set; } = ConnectorFieldMappings.Empty;

    [Id(17)]
    public UserIdChangeMode UserIdChangeMode { get; set; } = UserIdChangeMode.Rebind;

    [Id(18)]
    public ProtectionThresholds Thresholds { get; set; } = ProtectionThresholds.Default;

    [Id(19)]
    public SyncSchedule Schedule { get; set; } = SyncSchedule.Default;

    [Id(20)]
    public LoginFeatures Features { get; set; } = LoginFeatures.Default;

    [Id(21)]
    public long Version { get; set; }

    [Id(22)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(23)]
    public string UpdatedBy { get; set; } = "";

    /// <summary>Audit entries written with the change they describe, appended to the audit log after the write.</summary>
    [Id(24)]
    public List<AuditEntry> PendingAudit { get; set; } = [];

    /// <summary>Origins besides the login page's own that sign-in may return to (canonical, scheme://host[:port]).</summary>
    [Id(25)]
    public List<string> AllowedReturnOrigins { get; set; } = [];
}
