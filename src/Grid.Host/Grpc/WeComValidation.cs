using Grid.Abstractions.Connectors;
using Grid.Contracts.V1;
using Grid.Sync.Mapping;

namespace Grid.Host.Grpc;

/// <summary>The checks of ValidateWeCom over a stored connector: pure, so that every rule is plain to read.</summary>
internal static class WeComValidation
{
    public static List<ValidationFinding> Validate(
        WeComConnectorView connector,
        IReadOnlySet<string> contestedIps, // the connector's trusted IPs that a connector of another corp lists
        bool syncNodeExists)
    {
        var findings = new List<ValidationFinding>();
        void Error(string code, string field, string message) => findings.Add(new ValidationFinding
        {
            Code = code, Severity = FindingSeverity.Error, Field = field, Message = message,
        });
        void Warning(string code, string field, string message) => findings.Add(new ValidationFinding
        {
            Code = code, Severity = FindingSeverity.Warning, Field = field, Message = message,
        });

        var features = connector.Features;
        Require(string.IsNullOrWhiteSpace(connector.CorpId), "settings.corp_id", "the WeCom corp id (企业ID) is required");
        Require(string.IsNullOrWhiteSpace(connector.AgentId), "settings.agent_id", "the application's AgentId is required");
        Require(!connector.AppSecret.IsSet, "settings.app_secret", "the application Secret is required");
        if (features.ContactSync)
        {
            Require(!connector.CallbackToken.IsSet, "settings.callback_token", "the callback Token is required to receive contact changes");
            Require(!connector.EncodingAesKey.IsSet, "settings.callback_encoding_aes_key", "the callback EncodingAESKey is required to receive contact changes");
            Require(string.IsNullOrWhiteSpace(connector.SyncNodeOrganizationId), "settings.sync_organization_id", "the sync node (organization to mirror departments under) is required");
            if (!string.IsNullOrWhiteSpace(connector.SyncNodeOrganizationId) && !syncNodeExists)
            {
                Error("sync_node.missing", "settings.sync_organization_id",
                    $"organization '{connector.SyncNodeOrganizationId}' does not exist in the tenant; create it or pick another sync node");
            }
        }

        ValidateDomains(connector, Error, Require);

        if (features.AnyWeComLogin && !features.AnyFallback)
        {
            Error("features.no_fallback", "settings.features",
                "WeCom login is on without a fallback: enable the password or SMS fallback so people can sign in when WeCom cannot");
        }

        var ips = connector.EgressIps.IsDefault ? [] : connector.EgressIps;
        if (ips.IsEmpty)
        {
            Warning("trusted_ip.none", "settings.trusted_ips",
                "no trusted IP (企业可信IP) is listed: WeCom refuses API calls (60020) from IPs not configured for applications created since 2022-06-20");
        }

        for (var i = 0; i < ips.Length; i++)
        {
            if (contestedIps.Contains(ips[i]))
            {
                // Say nothing about the other connector: it may belong to another tenant.
                Error("trusted_ip.in_use", $"settings.trusted_ips[{i}]",
                    $"{ips[i]} is already a trusted IP of a connector of another WeCom corp; WeCom binds a trusted IP to one corp");
            }
        }

        var mappings = connector.FieldMappings;
        if (!mappings.Account.IsDefaultOrEmpty || !mappings.Organization.IsDefaultOrEmpty)
        {
            var set = new FieldMappingSet(
                mappings.Account.IsDefault ? [] : mappings.Account,
                mappings.Organization.IsDefault ? [] : mappings.Organization);
            foreach (var problem in set.Validate())
            {
                Error("mapping.invalid", "field_mappings", problem);
            }
        }

        return [.. findings.OrderBy(f => f.Severity == FindingSeverity.Error ? 0 : 1)];

        void Require(bool missing, string field, string message)
        {
            if (missing)
            {
                Error("field.required", field, message);
            }
        }
    }

    // The three-domain rule: WeCom redirects the browser back only to the trusted/authorized domain, and the login
    // page must be served from that same domain for its state cookie to come back with the redirect.
    private static void ValidateDomains(
        WeComConnectorView connector, Action<string, string, string> error, Action<bool, string, string> require)
    {
        (string Field, string? Value)[] domains =
        [
            ("settings.login_page_domain", connector.LoginPageDomain),
            ("settings.authorized_callback_domain", connector.AuthorizedCallbackDomain),
            ("settings.redirect_domain", connector.TrustedDomain),
        ];
        if (connector.Features.AnyWeComLogin)
        {
            foreach (var (field, value) in domains)
            {
                require(string.IsNullOrWhiteSpace(value), field, "required while QR or web login is on");
            }
        }

        var present = domains.Where(d => !string.IsNullOrWhiteSpace(d.Value)).ToList();
        var distinct = present.Select(d => d.Value!.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count();
        if (distinct > 1)
        {
            var listed = string.Join(", ", present.Select(d => $"{d.Field["settings.".Length..]} = {d.Value}"));
            foreach (var (field, _) in present.Skip(1).Where(d => !string.Equals(
                d.Value!.Trim(), present[0].Value!.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                error("domains.mismatch", field,
                    $"the login page, authorized callback and redirect domains must be the same host[:port] ({listed})");
            }
        }
    }
}
