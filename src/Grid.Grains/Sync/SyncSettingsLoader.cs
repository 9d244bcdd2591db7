using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.Planning;
using Grid.WeCom.Api;

namespace Grid.Grains.Sync;

/// <summary>A connector's configuration as one sync run uses it, read once at the start of the run.</summary>
internal sealed record ConnectorSyncSettings(
    WeComApp App,
    string SyncNodeOrganizationId,
    FieldMappingSet Mappings,
    MatchRule? MatchRule,
    UserIdChangeMode UserIdChangeMode,
    ProtectionThresholds Thresholds,
    bool ContactSync)
{
    public string ExternalIdSource => "wecom:" + App.CorpId;

    /// <summary>
    /// Reads the connector. FailedPrecondition when it is not configured or contact sync is switched off, so that
    /// Start refuses before any run is recorded.
    /// </summary>
    public static async Task<ConnectorSyncSettings> LoadAsync(
        IGrainFactory grains, string tenantId, string connectorId, bool requireContactSync = true)
    {
        var connector = grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, connectorId));
        var view = await connector.Get()
            ?? throw GridException.Precondition($"connector '{connectorId}' of tenant '{tenantId}' is not configured");
        if (requireContactSync && !view.Features.ContactSync)
        {
            throw GridException.Precondition($"contact sync is switched off for connector '{connectorId}' (features.contact_sync)");
        }

        var secrets = await connector.GetSecrets();
        return new ConnectorSyncSettings(
            new WeComApp(secrets.CorpId, secrets.AgentId, secrets.AppSecret),
            view.SyncNodeOrganizationId,
            ToMappingSet(view.FieldMappings),
            view.MatchRule,
            view.UserIdChangeMode,
            view.Thresholds,
            view.Features.ContactSync);
    }

    public SyncSettings ToPlannerSettings(IReadOnlyDictionary<string, string> knownUserIdChanges) => new()
    {
        SyncNode = SyncNodeOrganizationId,
        Mappings = Mappings,
        MatchRule = MatchRule,
        UserIdChangeMode = UserIdChangeMode,
        KnownUserIdChanges = knownUserIdChanges,
    };

    public ProtectionPolicy ToProtectionPolicy() =>
        new(Thresholds.MaxAccountDeletes, Thresholds.MaxOrganizationDeletes, Thresholds.MaxDeletePercent);

    /// <summary>The unique field the match rule compares, or null when adoption is off (no rule, or a non-unique field).</summary>
    public UniqueField? MatchField => MatchFieldOf(MatchRule);

    public static UniqueField? MatchFieldOf(MatchRule? rule) => rule?.AccountField switch
    {
        "username" => UniqueField.Username,
        "email" => UniqueField.Email,
        "mobile" => UniqueField.Mobile,
        _ => null,
    };

    /// <summary>Grid.Sync's mapping set of a connector's mappings; an empty side means the built-in defaults.</summary>
    public static FieldMappingSet ToMappingSet(ConnectorFieldMappings mappings)
    {
        var accounts = mappings.Account.IsDefaultOrEmpty
            ? FieldMappingSet.Default.Accounts
            : mappings.Account;
        var organizations = mappings.Organization.IsDefaultOrEmpty
            ? FieldMappingSet.Default.Organizations
            : mappings.Organization;
        return new FieldMappingSet(accounts, organizations);
    }
}
