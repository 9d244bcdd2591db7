using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions.Connectors;
using Grid.Contracts.V1;
using Domain = Grid.Abstractions.Connectors;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

/// <summary>Connector settings and views ↔ grid.v1 messages. Secrets only ever travel inward.</summary>
internal static class WeComMapper
{
    public static WeComConnectorSettings ToDomain(this ConfigureWeComRequest request)
    {
        var settings = request.Settings ?? throw RpcErrors.InvalidArgumentException("settings", "required");
        return new WeComConnectorSettings(
            settings.DisplayName,
            settings.CorpId,
            settings.AgentId,
            NullIfEmpty(settings.AppSecret),
            NullIfEmpty(settings.CallbackToken),
            NullIfEmpty(settings.CallbackEncodingAesKey),
            NullIfEmpty(settings.RedirectDomain),
            NullIfEmpty(settings.AuthorizedCallbackDomain),
            NullIfEmpty(settings.LoginPageDomain),
            [.. settings.TrustedIps],
            settings.SyncOrganizationId,
            request.FieldMappings?.MatchRule?.ToDomain(),
            request.FieldMappings?.ToDomain(),
            settings.UseridChangeMode == V1.UserIdChangeMode.Recreate ? Domain.UserIdChangeMode.Recreate : Domain.UserIdChangeMode.Rebind,
            request.Thresholds?.ToDomain(),
            request.Schedule?.ToDomain(),
            settings.Features?.ToDomain() ?? Domain.LoginFeatures.Default);
    }

    public static ConnectorFieldMappings ToDomain(this FieldMappings mappings) => new(
        [.. mappings.Account.Select(m => new Domain.FieldMapping(m.Target, m.Expression))],
        [.. mappings.Organization.Select(m => new Domain.FieldMapping(m.Target, m.Expression))]);

    public static Domain.MatchRule ToDomain(this V1.MatchRule rule) => new(rule.AccountField, rule.MemberField);

    public static ProtectionThresholds ToDomain(this SyncThresholds thresholds) => new(
        thresholds.MaxAccountDeletes,
        thresholds.MaxOrganizationDeletes,
        thresholds.MaxDeletePercent == 0 ? null : thresholds.MaxDeletePercent)
    {
        IncrementalMaxAccountDeletes = thresholds.HasIncrementalMaxAccountDeletes ? thresholds.IncrementalMaxAccountDeletes : null,
        IncrementalMaxOrganizationDeletes = thresholds.HasIncrementalMaxOrganizationDeletes ? thresholds.IncrementalMaxOrganizationDeletes : null,
        IncrementalWindow = thresholds.HasIncrementalWindowSeconds ? TimeSpan.FromSeconds(thresholds.IncrementalWindowSeconds) : null,
    };

    public static Domain.SyncSchedule ToDomain(this V1.SyncSchedule schedule) => new(schedule.Enabled, schedule.LocalTime);

    public static Domain.LoginFeatures ToDomain(this ConnectorFeatures features) => new(
        features.ContactSync, features.QrLogin, features.WebLogin, features.PasswordFallback, features.SmsFallback);

    public static WeComConnector ToProto(this WeComConnectorView view)
    {
        var settings = new WeComSettings
        {
            DisplayName = view.DisplayName,
            CorpId = view.CorpId,
            AgentId = view.AgentId,
            LoginPageDomain = view.LoginPageDomain ?? "",
            AuthorizedCallbackDomain = view.AuthorizedCallbackDomain ?? "",
            RedirectDomain = view.TrustedDomain ?? "",
            SyncOrganizationId = view.SyncNodeOrganizationId,
            Features = new ConnectorFeatures
            {
                ContactSync = view.Features.ContactSync,
                QrLogin = view.Features.QrLogin,
                WebLogin = view.Features.WebLogin,
                PasswordFallback = view.Features.PasswordFallback,
                SmsFallback = view.Features.SmsFallback,
            },
            UseridChangeMode = view.UserIdChangeMode == Domain.UserIdChangeMode.Recreate
                ? V1.UserIdChangeMode.Recreate
                : V1.UserIdChangeMode.Rebind,
        };
        settings.TrustedIps.AddRange(view.EgressIps.IsDefault ? [] : view.EgressIps);
        return new WeComConnector
        {
            TenantId = view.TenantId,
            ConnectorId = view.ConnectorId,
            Settings = settings,
            HasAppSecret = view.AppSecret.IsSet,
            HasCallbackToken = view.CallbackToken.IsSet,
            HasCallbackEncodingAesKey = view.EncodingAesKey.IsSet,
            FieldMappings = ToProto(view.FieldMappings, view.MatchRule),
            Thresholds = view.Thresholds.ToProto(),
            Schedule = ToProto(view.Schedule, view.NextScheduledRunAt),
            Version = view.Version,
            UpdatedAt = Timestamp.FromDateTimeOffset(view.UpdatedAt),
            UpdatedBy = view.UpdatedBy,
        };
    }

    public static FieldMappings ToProto(ConnectorFieldMappings mappings, Domain.MatchRule? rule)
    {
        var proto = new FieldMappings
        {
            MatchRule = rule is null ? null : new V1.MatchRule { AccountField = rule.AccountField, MemberField = rule.MemberField },
        };
        proto.Account.AddRange(OrEmpty(mappings.Account).Select(m => new V1.FieldMapping { Target = m.Target, Expression = m.Expression }));
        proto.Organization.AddRange(OrEmpty(mappings.Organization).Select(m => new V1.FieldMapping { Target = m.Target, Expression = m.Expression }));
        return proto;
    }

    public static SyncThresholds ToProto(this ProtectionThresholds thresholds)
    {
        var proto = new SyncThresholds
        {
            MaxAccountDeletes = thresholds.MaxAccountDeletes,
            MaxOrganizationDeletes = thresholds.MaxOrganizationDeletes,
            MaxDeletePercent = thresholds.MaxDeletePercent ?? 0,
        };

        // Only what is set: an unset budget follows the run's thresholds, also after a read-modify-write.
        if (thresholds.IncrementalMaxAccountDeletes is { } accounts)
        {
            proto.IncrementalMaxAccountDeletes = accounts;
        }

        if (thresholds.IncrementalMaxOrganizationDeletes is { } organizations)
        {
            proto.IncrementalMaxOrganizationDeletes = organizations;
        }

        if (thresholds.IncrementalWindow is { } window)
        {
            proto.IncrementalWindowSeconds = (int)window.TotalSeconds;
        }

        return proto;
    }

    public static V1.SyncSchedule ToProto(Domain.SyncSchedule schedule, DateTimeOffset? nextRunAt) => new()
    {
        Enabled = schedule.Enabled,
        LocalTime = schedule.LocalTime,
        NextRunAt = nextRunAt is { } next ? Timestamp.FromDateTimeOffset(next) : null,
    };

    private static IEnumerable<Domain.FieldMapping> OrEmpty(System.Collections.Immutable.ImmutableArray<Domain.FieldMapping> mappings) =>
        mappings.IsDefault ? [] : mappings;

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
