using Grid.Abstractions.Connectors;

namespace Grid.Grains.Connectors;

/// <summary>The connector grain's pure conversions: state to its view, settings to stored values.</summary>
internal static class WeComConnectorConversion
{
    public static WeComConnectorView ToView(this WeComConnectorState current, string tenantId, string connectorId, DateTimeOffset? nextRun) => new(
        tenantId,
        connectorId,
        current.DisplayName,
        current.CorpId,
        current.AgentId,
        Hint(current.SealedAppSecret, current.AppSecretLastFour),
        Hint(current.SealedCallbackToken, current.CallbackTokenLastFour),
        Hint(current.SealedEncodingAesKey, current.EncodingAesKeyLastFour),
        current.TrustedDomain,
        current.AuthorizedCallbackDomain,
        current.LoginPageDomain,
        [.. current.EgressIps],
        current.SyncNodeOrganizationId,
        current.MatchRule,
        current.FieldMappings,
        current.UserIdChangeMode,
        current.Thresholds,
        current.Schedule,
        current.Features,
        nextRun,
        current.Version,
        current.UpdatedAt,
        current.UpdatedBy,
        [.. current.AllowedReturnOrigins]);

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static ConnectorFieldMappings? Normalize(ConnectorFieldMappings? mappings) =>
        mappings is null
            ? null
            : new ConnectorFieldMappings(
                mappings.Account.IsDefault ? [] : mappings.Account,
                mappings.Organization.IsDefault ? [] : mappings.Organization);

    public static ConnectorFieldMappings DefaultMappings()
    {
        var defaults = Grid.Sync.Mapping.FieldMappingSet.Default;
        return new ConnectorFieldMappings([.. defaults.Accounts], [.. defaults.Organizations]);
    }

    public static string Describe(LoginFeatures f) => string.Join(", ", new[]
    {
        f.ContactSync ? "contact_sync" : null,
        f.QrLogin ? "qr_login" : null,
        f.WebLogin ? "web_login" : null,
        f.PasswordFallback ? "password_fallback" : null,
        f.SmsFallback ? "sms_fallback" : null,
    }.Where(name => name is not null));

    // Secrets of 8 characters or fewer show no characters at all.
    private static SecretHint Hint(string? sealedValue, string? lastFour) =>
        sealedValue is null ? SecretHint.None : new SecretHint(true, string.IsNullOrEmpty(lastFour) ? null : lastFour);
}
