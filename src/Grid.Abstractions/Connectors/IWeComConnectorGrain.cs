using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Abstractions.Connectors;

/// <summary>
/// A WeCom connector of a tenant, key <c>{tenant}/{connectorId}</c> (see <see cref="GridKeys.Connector"/>). Holds
/// the settings with the secrets sealed at rest, and keeps a reminder that starts the daily scheduled sync
/// (<see cref="Sync.ISyncCoordinatorGrain.StartScheduled"/>) at the schedule's local time in the tenant's time zone.
/// Every change is validated as a whole (InvalidArgument naming the field, e.g. "corp_id: required") and written to
/// the tenant's audit log with the actor.
/// </summary>
[Alias("grid.IWeComConnectorGrain")]
public interface IWeComConnectorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates or replaces the configuration (secrets left null are kept). Trusted IPs are stored in canonical form
    /// and claimed in the trusted-IP index (<see cref="Admin.ITrustedIpIndexGrain"/>): an IP that a connector of
    /// another WeCom corp lists is refused, as are login, callback and redirect domains that differ.
    /// </summary>
    [Alias("Configure")]
    Task<WeComConnectorView> Configure(WeComConnectorSettings settings, string actor);

    /// <summary>The connector without secrets, or null when it was never configured.</summary>
    [Alias("Get")]
    Task<WeComConnectorView?> Get();

    /// <summary>
    /// The trusted IPs of this connector that a connector of another WeCom corp also lists (possible only for
    /// connectors stored before the index refused them). Joins the index on the way. NotFound when not configured.
    /// </summary>
    [Alias("GetContestedTrustedIps")]
    Task<ImmutableArray<string>> GetContestedTrustedIps();

    /// <summary>
    /// Whether this connector lists the IP for that corp, stored or being configured right now. IN-SILO ONLY: the
    /// trusted-IP check of another connector asks it to tell a stale index entry from a real one.
    /// </summary>
    [Alias("HoldsTrustedIp"), AlwaysInterleave]
    Task<bool> HoldsTrustedIp(string ip, string corpId);

    /// <summary>
    /// The unsealed secrets. IN-SILO ONLY, for the sync and callback code: no gRPC or HTTP API may expose this
    /// method or its result. NotFound when the connector is not configured.
    /// </summary>
    [Alias("GetSecrets")]
    Task<WeComConnectorSecrets> GetSecrets();

    /// <summary>
    /// Replaces the field mappings and, when not null, the match rule (<see cref="MatchRule.None"/> turns adoption off).
    /// </summary>
    [Alias("SetFieldMappings")]
    Task<WeComConnectorView> SetFieldMappings(ConnectorFieldMappings mappings, MatchRule? matchRule, string actor);

    /// <summary>Replaces the protection thresholds.</summary>
    [Alias("SetThresholds")]
    Task<WeComConnectorView> SetThresholds(ProtectionThresholds thresholds, string actor);

    /// <summary>Replaces the schedule and re-registers the reminder.</summary>
    [Alias("SetSchedule")]
    Task<WeComConnectorView> SetSchedule(SyncSchedule schedule, string actor);

    /// <summary>Replaces the enabled features (refused when a WeCom login would be left without a fallback).</summary>
    [Alias("SetFeatures")]
    Task<WeComConnectorView> SetFeatures(LoginFeatures features, string actor);
}
