using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Sync.Mapping;

namespace Grid.Grains.Connectors;

/// <summary>
/// Checks connector settings as a whole and collects every problem as "field: problem" (snake_case field names).
/// Field mappings and the match rule are checked with Grid.Sync's own rules, so what is accepted here compiles there.
/// </summary>
internal sealed class ConnectorValidation
{
    private readonly List<(string Field, string Problem)> _problems = [];

    public void Add(string field, string problem) => _problems.Add((field, problem));

    /// <summary>Throws one InvalidArgument error listing every problem, naming the first field.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new GridException(
                GridErrorKind.InvalidArgument,
                string.Join("; ", _problems.Select(p => $"{p.Field}: {p.Problem}")),
                _problems[0].Field);
        }
    }

    public void DisplayName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > 64)
        {
            Add("display_name", "required, at most 64 characters");
        }
    }

    public void CorpId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add("corp_id", "required");
        }
        else if (value.Length > 64 || !value.All(char.IsAsciiLetterOrDigit))
        {
            Add("corp_id", "must be letters and digits (at most 64)");
        }
    }

    public void AgentId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add("agent_id", "required");
        }
        else if (value.Length > 18 || !value.All(char.IsAsciiDigit))
        {
            Add("agent_id", "must be digits");
        }
    }

    public void AppSecret(string? value, bool stored)
    {
        if (value is null)
        {
            if (!stored)
            {
                Add("app_secret", "required");
            }
        }
        else if (value.Length is 0 or > 256 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            Add("app_secret", "must be 1..256 characters without spaces");
        }
    }

    public void CallbackToken(string? value, bool stored)
    {
        if (value is null)
        {
            if (!stored)
            {
                Add("callback_token", "required");
            }
        }
        else if (value.Length is 0 or > 32 || !value.All(char.IsAsciiLetterOrDigit))
        {
            Add("callback_token", "must be 1..32 letters and digits");
        }
    }

    public void EncodingAesKey(string? value, bool stored)
    {
        if (value is null)
        {
            if (!stored)
            {
                Add("encoding_aes_key", "required");
            }
        }
        else if (value.Length != 43 || !value.All(char.IsAsciiLetterOrDigit) || !DecodesTo32Bytes(value))
        {
            Add("encoding_aes_key", "must be 43 letters and digits (base64 of a 32-byte key without '=')");
        }
    }

    public void Domain(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var colon = value.LastIndexOf(':');
        var host = colon > 0 ? value[..colon] : value;
        var port = colon > 0 ? value[(colon + 1)..] : null;
        if (Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4)
            || (port is not null && (!ushort.TryParse(port, out var number) || number == 0)))
        {
            Add(field, $"'{value}' is not a domain (host or host:port, no scheme or path)");
        }
    }

    /// <summary>The IPs in canonical form, duplicates (after canonicalization) removed; problems name the index.</summary>
    public List<string> EgressIps(IReadOnlyList<string> values)
    {
        var canonical = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (!TrustedIpAddress.TryCanonicalize(values[i], out var ip, out var problem))
            {
                Add($"egress_ips[{i}]", problem);
            }
            else if (!canonical.Contains(ip, StringComparer.Ordinal))
            {
                canonical.Add(ip);
            }
        }

        return canonical;
    }

    /// <summary>
    /// WeCom's three-domain rule: it redirects the browser back only to the authorized callback (trusted) domain, and
    /// the login page must be served from that same host[:port] for its state cookie to come back with the redirect.
    /// Blank domains are left to the checks of what each feature requires.
    /// </summary>
    public void SameDomains(string? loginPageDomain, string? authorizedCallbackDomain, string? trustedDomain)
    {
        // The request's names in the text: the grain's trusted_domain is the API's redirect_domain.
        var present = new (string Field, string Name, string? Value)[]
        {
            ("login_page_domain", "login_page_domain", loginPageDomain),
            ("authorized_callback_domain", "authorized_callback_domain", authorizedCallbackDomain),
            ("trusted_domain", "redirect_domain", trustedDomain),
        }.Where(d => !string.IsNullOrEmpty(d.Value)).ToList();
        foreach (var (field, _, value) in present.Skip(1))
        {
            var reference = present[0];
            if (!string.Equals(value, reference.Value, StringComparison.OrdinalIgnoreCase))
            {
                Add(field, $"'{value}' differs from {reference.Name} '{reference.Value}': the login page, authorized callback and "
                    + "redirect domains must be the same host[:port] (WeCom's three-domain rule)");
            }
        }
    }

    public void SyncNode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add("sync_node_organization_id", "required");
        }
        else if (!GridKeys.IsValidId(value))
        {
            Add("sync_node_organization_id", $"'{value}' is not an organization id");
        }
    }

    public void FieldMappings(ConnectorFieldMappings mappings)
    {
        var set = new Grid.Sync.Mapping.FieldMappingSet(OrEmpty(mappings.Account), OrEmpty(mappings.Organization));
        foreach (var error in set.Validate())
        {
            AddQualified(error);
        }
    }

    public void MatchRule(Abstractions.Connectors.MatchRule? rule)
    {
        if (rule is null || rule.IsNone)
        {
            return;
        }

        foreach (var error in rule.Validate())
        {
            AddQualified(error);
        }
    }

    public void Thresholds(ProtectionThresholds thresholds)
    {
        if (thresholds.MaxAccountDeletes is < 0 or > 1_000_000)
        {
            Add("thresholds.max_account_deletes", "must be between 0 and 1000000");
        }

        if (thresholds.MaxOrganizationDeletes is < 0 or > 1_000_000)
        {
            Add("thresholds.max_organization_deletes", "must be between 0 and 1000000");
        }

        if (thresholds.MaxDeletePercent is < 1 or > 100)
        {
            Add("thresholds.max_delete_percent", "must be between 1 and 100 when set");
        }

        if (thresholds.IncrementalMaxAccountDeletes is < 0 or > 1_000_000)
        {
            Add("thresholds.incremental_max_account_deletes", "must be between 0 and 1000000 when set");
        }

        if (thresholds.IncrementalMaxOrganizationDeletes is < 0 or > 1_000_000)
        {
            Add("thresholds.incremental_max_organization_deletes", "must be between 0 and 1000000 when set");
        }

        if (thresholds.IncrementalWindow is { } window && (window < TimeSpan.FromMinutes(1) || window > TimeSpan.FromDays(1)))
        {
            Add("thresholds.incremental_window_seconds", "must be between 60 and 86400 when set");
        }
    }

    public void Schedule(SyncSchedule schedule)
    {
        if (!DailySchedule.TryParseLocalTime(schedule.LocalTime, out _))
        {
            Add("schedule.local_time", $"'{schedule.LocalTime}' is not a time of day as HH:mm (e.g. 03:00)");
        }
    }

    public void Features(LoginFeatures features)
    {
        if (features.AnyWeComLogin && !features.AnyFallback)
        {
            Add("features", "at least one fallback (password or SMS) must stay enabled while QR or web login is enabled");
        }
    }

    public void UserIdChangeMode(UserIdChangeMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            Add("userid_change_mode", "must be rebind or recreate");
        }
    }

    private void AddQualified(string error)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0)
        {
            Add(error[..colon], error[(colon + 2)..]);
        }
        else
        {
            Add("field_mappings", error);
        }
    }

    private static ImmutableArray<Abstractions.Connectors.FieldMapping> OrEmpty(ImmutableArray<Abstractions.Connectors.FieldMapping> mappings) =>
        mappings.IsDefault ? [] : mappings;

    private static bool DecodesTo32Bytes(string key)
    {
        Span<byte> buffer = stackalloc byte[33];
        return Convert.TryFromBase64String(key + "=", buffer, out var written) && written == 32;
    }
}
