using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Admin;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Grains.Secrets;
using Grid.Grains.Tenants;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Connectors;

public sealed partial class WeComConnectorGrain : Grain, IWeComConnectorGrain, IRemindable
{
    /// <summary>The reminder that starts the daily scheduled sync.</summary>
    public const string DailySyncReminder = "daily-sync";

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly IPersistentState<WeComConnectorState> _state;
    private readonly ISecretSealer _sealer;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComConnectorGrain> _logger;
    private TenantGuard _tenant = null!;
    private string _connectorId = "";

    // The trusted IPs a configuration in progress has claimed, before its write: real holders for HoldsTrustedIp.
    private (List<string> Ips, string CorpId)? _claiming;

    public WeComConnectorGrain(
        [PersistentState("wecom-connector", "grid")] IPersistentState<WeComConnectorState> state,
        ISecretSealer sealer,
        TimeProvider time,
        ILogger<WeComConnectorGrain> logger)
    {
        _state = state;
        _sealer = sealer;
        _time = time;
        _logger = logger;
    }

    private WeComConnectorState Current => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenantId, connectorId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        _tenant = new TenantGuard(GrainFactory, tenantId);
        _connectorId = connectorId;
        if (Current.Exists)
        {
            _tenant.MarkKnown();
            await FlushAudit();
        }
    }

    public async Task<WeComConnectorView> Configure(WeComConnectorSettings settings, string actor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await PrepareAsync(actor);
        var stored = Current.Exists;
        var mappings = Normalize(settings.FieldMappings) ?? (stored ? Current.FieldMappings : DefaultMappings());
        var matchRule = settings.MatchRule is { IsNone: true }
            ? null
            : settings.MatchRule ?? (stored ? Current.MatchRule : Abstractions.Connectors.MatchRule.Default);
        var thresholds = settings.Thresholds ?? Current.Thresholds;
        var schedule = settings.Schedule ?? Current.Schedule;
        var features = settings.Features ?? LoginFeatures.Default;

        var check = new ConnectorValidation();
        check.DisplayName(settings.DisplayName);
        check.CorpId(settings.CorpId);
        check.AgentId(settings.AgentId);
        check.AppSecret(settings.AppSecret, Current.SealedAppSecret is not null);
        check.CallbackToken(settings.CallbackToken, Current.SealedCallbackToken is not null);
        check.EncodingAesKey(settings.EncodingAesKey, Current.SealedEncodingAesKey is not null);
        check.Domain("trusted_domain", Blank(settings.TrustedDomain));
        check.Domain("authorized_callback_domain", Blank(settings.AuthorizedCallbackDomain));
        check.Domain("login_page_domain", Blank(settings.LoginPageDomain));
        if (features.WebLogin && Blank(settings.TrustedDomain) is null)
        {
            check.Add("trusted_domain", "required while web login is enabled (WeCom redirects only to it)");
        }

        if (features.QrLogin && Blank(settings.AuthorizedCallbackDomain) is null)
        {
            check.Add("authorized_callback_domain", "required while QR login is enabled");
        }

        check.SameDomains(Blank(settings.LoginPageDomain), Blank(settings.AuthorizedCallbackDomain), Blank(settings.TrustedDomain));
        var egressIps = check.EgressIps(settings.EgressIps.IsDefault ? [] : settings.EgressIps);
        check.SyncNode(settings.SyncNodeOrganizationId);
        check.MatchRule(matchRule);
        check.FieldMappings(mappings);
        check.UserIdChangeMode(settings.UserIdChangeMode);
        check.Thresholds(thresholds);
        check.Schedule(schedule);
        check.Features(features);
        check.ThrowIfAny();
        await EnsureSyncNodeAsync(settings.SyncNodeOrganizationId);
        var previousIps = Current.Exists ? Current.EgressIps.ToList() : [];
        await ClaimTrustedIpsAsync(egressIps, settings.CorpId, settings.EgressIps);

        var next = Copy();
        var changedSecrets = new List<string>();
        next.DisplayName = settings.DisplayName.Trim();
        next.CorpId = settings.CorpId;
        next.AgentId = settings.AgentId;
        SealInto(settings.AppSecret, "app_secret", s => next.SealedAppSecret = s, l => next.AppSecretLastFour = l, changedSecrets);
        SealInto(settings.CallbackToken, "callback_token", s => next.SealedCallbackToken = s, l => next.CallbackTokenLastFour = l, changedSecrets);
        SealInto(settings.EncodingAesKey, "encoding_aes_key", s => next.SealedEncodingAesKey = s, l => next.EncodingAesKeyLastFour = l, changedSecrets);
        next.TrustedDomain = Blank(settings.TrustedDomain);
        next.AuthorizedCallbackDomain = Blank(settings.AuthorizedCallbackDomain);
        next.LoginPageDomain = Blank(settings.LoginPageDomain);
        next.EgressIps = egressIps;
        next.SyncNodeOrganizationId = settings.SyncNodeOrganizationId;
        next.MatchRule = matchRule;
        next.FieldMappings = mappings;
        next.UserIdChangeMode = settings.UserIdChangeMode;
        next.Thresholds = thresholds;
        next.Schedule = schedule;
        next.Features = features;
        var summary = $"{(stored ? "reconfigured" : "configured")} corp {next.CorpId} agent {next.AgentId}, sync node {next.SyncNodeOrganizationId}, "
            + $"features [{Describe(features)}]"
            + (changedSecrets.Count > 0 ? $", secrets set: {string.Join(", ", changedSecrets)}" : ", secrets unchanged");
        WeComConnectorView view;
        try
        {
            view = await CommitAsync(next, actor, "wecom.configure", summary);
        }
        catch when (!ReferenceEquals(_state.State, next))
        {
            // Not stored: give back what this attempt claimed.
            await UndoClaimsAsync(egressIps);
            throw;
        }
        finally
        {
            _claiming = null;
        }

        await ReleaseTrustedIpsAsync(previousIps.Except(egressIps, StringComparer.Ordinal));
        return view;
    }

    public async Task<ImmutableArray<string>> GetContestedTrustedIps()
    {
        EnsureConfigured();
        var contested = ImmutableArray.CreateBuilder<string>();
        foreach (var ip in Current.EgressIps)
        {
            // Values stored before IPs were canonicalized are looked up as they would be stored today.
            var key = TrustedIpAddress.TryCanonicalize(ip, out var canonical, out _) ? canonical : ip;
            if (!await ClaimTrustedIpAsync(key, Current.CorpId))
            {
                contested.Add(ip);
            }
        }

        return contested.ToImmutable();
    }

    public Task<bool> HoldsTrustedIp(string ip, string corpId) => Task.FromResult(
        (Current.Exists && Current.EgressIps.Contains(ip, StringComparer.Ordinal) && string.Equals(Current.CorpId, corpId, StringComparison.Ordinal))
        || (_claiming is { } claiming && claiming.Ips.Contains(ip, StringComparer.Ordinal) && string.Equals(claiming.CorpId, corpId, StringComparison.Ordinal)));

    public async Task<WeComConnectorView?> Get()
    {
        if (!Current.Exists)
        {
            return null;
        }

        return View(await NextRunAsync());
    }

    public Task<WeComConnectorSecrets> GetSecrets()
    {
        EnsureConfigured();
        return Task.FromResult(new WeComConnectorSecrets(
            Current.CorpId,
            Current.AgentId,
            _sealer.Unseal(Current.SealedAppSecret!, SealContext("app_secret")),
            _sealer.Unseal(Current.SealedCallbackToken!, SealContext("callback_token")),
            _sealer.Unseal(Current.SealedEncodingAesKey!, SealContext("encoding_aes_key"))));
    }

    public async Task<WeComConnectorView> SetFieldMappings(ConnectorFieldMappings mappings, MatchRule? matchRule, string actor)
    {
        mappings = Normalize(mappings) ?? throw new ArgumentNullException(nameof(mappings));
        await PrepareAsync(actor);
        EnsureConfigured();
        var check = new ConnectorValidation();
        check.FieldMappings(mappings);
        check.MatchRule(matchRule);
        check.ThrowIfAny();
        var next = Copy();
        next.FieldMappings = mappings;
        next.MatchRule = matchRule is { IsNone: true } ? null : matchRule ?? next.MatchRule;
        var summary = $"field mappings set: {mappings.Account.Length} account, {mappings.Organization.Length} organization"
            + matchRule switch
            {
                null => "",
                { IsNone: true } => "; adoption off (no match rule)",
                _ => $"; match rule {matchRule.AccountField} = {matchRule.MemberField}",
            };
        return await CommitAsync(next, actor, "wecom.set_field_mappings", summary);
    }

    public async Task<WeComConnectorView> SetThresholds(ProtectionThresholds thresholds, string actor)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        await PrepareAsync(actor);
        EnsureConfigured();
        var check = new ConnectorValidation();
        check.Thresholds(thresholds);
        check.ThrowIfAny();
        var next = Copy();
        next.Thresholds = thresholds;
        var summary = $"thresholds set: {thresholds.MaxAccountDeletes} accounts, {thresholds.MaxOrganizationDeletes} organizations"
            + (thresholds.MaxDeletePercent is { } percent ? $", {percent}%" : "");
        return await CommitAsync(next, actor, "wecom.set_thresholds", summary);
    }

    public async Task<WeComConnectorView> SetSchedule(SyncSchedule schedule, string actor)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await PrepareAsync(actor);
        EnsureConfigured();
        var check = new ConnectorValidation();
        check.Schedule(schedule);
        check.ThrowIfAny();
        var next = Copy();
        next.Schedule = schedule with { LocalTime = schedule.LocalTime.Trim() };
        var summary = schedule.Enabled ? $"schedule set: daily at {next.Schedule.LocalTime}" : "schedule disabled";
        return await CommitAsync(next, actor, "wecom.set_schedule", summary);
    }

    public async Task<WeComConnectorView> SetFeatures(LoginFeatures features, string actor)
    {
        ArgumentNullException.ThrowIfNull(features);
        await PrepareAsync(actor);
        EnsureConfigured();
        var check = new ConnectorValidation();
        check.Features(features);
        if (features.WebLogin && Current.TrustedDomain is null)
        {
            check.Add("trusted_domain", "required while web login is enabled (WeCom redirects only to it)");
        }

        if (features.QrLogin && Current.AuthorizedCallbackDomain is null)
        {
            check.Add("authorized_callback_domain", "required while QR login is enabled");
        }

        check.ThrowIfAny();
        var next = Copy();
        next.Features = features;
        return await CommitAsync(next, actor, "wecom.set_features", $"features set: [{Describe(features)}]");
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DailySyncReminder)
        {
            return;
        }

        if (Current.Exists && Current.Schedule.Enabled && Current.Features.ContactSync)
        {
            LogScheduledSyncStarting(_logger, this.GetPrimaryKeyString());
            try
            {
                await GrainFactory.GetGrain<ISyncCoordinatorGrain>(this.GetPrimaryKeyString()).StartScheduled();
            }
            catch (Exception ex)
            {
                // Tomorrow's tick tries again; the coordinator records its own failures.
                LogScheduledSyncFailed(_logger, ex, this.GetPrimaryKeyString());
            }
        }

        // Re-aligned on every tick: a fixed 24-hour period drifts by an hour across a DST change.
        await SyncReminderAsync();
    }

    /// <summary>Claims every IP in the trusted-IP index, or none: InvalidArgument naming each IP another corp holds.</summary>
    private async Task ClaimTrustedIpsAsync(List<string> ips, string corpId, ImmutableArray<string> requested)
    {
        _claiming = (ips, corpId);
        var check = new ConnectorValidation();
        var claimed = new List<string>();
        try
        {
            for (var i = 0; i < ips.Count; i++)
            {
                if (await ClaimTrustedIpAsync(ips[i], corpId))
                {
                    claimed.Add(ips[i]);
                }
                else
                {
                    // Nothing about the holder: it may be another tenant's (see ITrustedIpIndexGrain).
                    check.Add($"egress_ips[{RequestIndex(requested, ips[i])}]", $"'{ips[i]}' is already a trusted IP of a connector of another WeCom corp, "
                        + "and WeCom binds a trusted IP to one corp: list this corp's own egress IPs");
                }
            }
        }
        catch
        {
            _claiming = null;
            await UndoClaimsAsync(claimed);
            throw;
        }

        if (claimed.Count < ips.Count)
        {
            _claiming = null;
            await UndoClaimsAsync(claimed);
            check.ThrowIfAny();
        }
    }

    // Where the caller wrote the IP, in whatever form: the canonical list has duplicates removed.
    private static int RequestIndex(ImmutableArray<string> requested, string ip) =>
        requested.IndexOf(requested.First(r => TrustedIpAddress.TryCanonicalize(r, out var canonical, out _) && canonical == ip));

    private async Task<bool> ClaimTrustedIpAsync(string ip, string corpId)
    {
        var index = GrainFactory.GetGrain<ITrustedIpIndexGrain>(ip);
        var entry = new TrustedIpUser(_tenant.TenantId, _connectorId, corpId);
        var holders = await index.Claim(entry);
        if (holders.IsEmpty)
        {
            return true;
        }

        // An entry whose connector does not list the IP (a configuration whose write failed, a release that failed)
        // must not keep the IP from its rightful corp: forget it and claim once more.
        var stale = 0;
        foreach (var holder in holders)
        {
            if (!await GrainFactory.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(holder.TenantId, holder.ConnectorId)).HoldsTrustedIp(ip, holder.CorpId))
            {
                await index.Unregister(holder.TenantId, holder.ConnectorId);
                stale++;
            }
        }

        return stale == holders.Length && (await index.Claim(entry)).IsEmpty;
    }

    /// <summary>Gives back IPs this configuration claimed: the stored ones go back to the stored corp.</summary>
    private async Task UndoClaimsAsync(IEnumerable<string> ips)
    {
        foreach (var ip in ips)
        {
            var index = GrainFactory.GetGrain<ITrustedIpIndexGrain>(ip);
            if (Current.Exists && Current.EgressIps.Contains(ip, StringComparer.Ordinal))
            {
                await index.Claim(new TrustedIpUser(_tenant.TenantId, _connectorId, Current.CorpId));
            }
            else
            {
                await index.Unregister(_tenant.TenantId, _connectorId);
            }
        }
    }

    private async Task ReleaseTrustedIpsAsync(IEnumerable<string> ips)
    {
        foreach (var ip in ips)
        {
            try
            {
                await GrainFactory.GetGrain<ITrustedIpIndexGrain>(ip).Unregister(_tenant.TenantId, _connectorId);
            }
            catch (Exception ex)
            {
                // Stored already; an entry left behind is forgotten when another corp claims the IP.
                LogTrustedIpNotReleased(_logger, ex, this.GetPrimaryKeyString());
            }
        }
    }

    private async Task<WeComConnectorView> CommitAsync(WeComConnectorState next, string actor, string action, string summary)
    {
        var now = _time.GetUtcNow();
        next.Exists = true;
        next.Version++;
        next.UpdatedAt = now;
        next.UpdatedBy = actor;
        next.PendingAudit.Add(new AuditEntry(0, now, actor, action, "connector/" + _connectorId, summary));
        await _state.WriteOrRevertAsync(next);

        _tenant.MarkKnown();
        LogConfigured(_logger, action, this.GetPrimaryKeyString(), next.Version);
        await FlushAudit();
        var nextRun = await SyncReminderAsync();
        return View(nextRun);
    }

    private Task FlushAudit() => PendingAudit.FlushAsync(
        GrainFactory, _tenant.TenantId, Current.PendingAudit, _state.WriteStateAsync, _logger, this.GetPrimaryKeyString());

    /// <summary>Registers, moves or removes the daily reminder to match the settings; returns the next run.</summary>
    private async Task<DateTimeOffset?> SyncReminderAsync()
    {
        var nextRun = await NextRunAsync();
        if (nextRun is { } due)
        {
            var dueIn = due - _time.GetUtcNow();
            await this.RegisterOrUpdateReminder(DailySyncReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, Day);
        }
        else if (await this.GetReminder(DailySyncReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return nextRun;
    }

    private async Task<DateTimeOffset?> NextRunAsync()
    {
        if (!Current.Exists || !Current.Schedule.Enabled || !Current.Features.ContactSync
            || !DailySchedule.TryParseLocalTime(Current.Schedule.LocalTime, out var localTime))
        {
            return null;
        }

        var tenant = await GrainFactory.GetGrain<ITenantGrain>(GridKeys.Tenant(_tenant.TenantId)).Get();
        var zone = tenant is not null && TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZoneId, out var found)
            ? found
            : TimeZoneInfo.Utc;

        // A minute of slack: a reminder that fires a little early must not schedule today's run again.
        return DailySchedule.NextOccurrence(_time.GetUtcNow().AddMinutes(1), localTime, zone);
    }

    private async Task PrepareAsync(string actor)
    {
        GridKeys.ValidateConnectorId(_connectorId);
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw GridException.Invalid("actor", "required (who makes the change, for the audit trail)");
        }

        await _tenant.EnsureExistsAsync();
    }

    private void EnsureConfigured()
    {
        if (!Current.Exists)
        {
            throw new GridException(
                GridErrorKind.NotFound,
                $"connector '{_connectorId}' is not configured in tenant '{_tenant.TenantId}'",
                "connector_id");
        }
    }

    private async Task EnsureSyncNodeAsync(string organizationId)
    {
        var organization = await GrainFactory
            .GetGrain<IOrganizationGrain>(GridKeys.Organization(_tenant.TenantId, organizationId))
            .Get();
        if (organization is null || organization.IsDeleted)
        {
            throw GridException.Invalid(
                "sync_node_organization_id", $"organization '{organizationId}' does not exist in tenant '{_tenant.TenantId}'");
        }
    }

    private void SealInto(string? secret, string name, Action<string> setSealed, Action<string> setLastFour, List<string> changed)
    {
        if (secret is null)
        {
            return;
        }

        setSealed(_sealer.Seal(secret, SealContext(name)));
        setLastFour(secret.Length > 8 ? secret[^4..] : "");
        changed.Add(name);
    }

    private string SealContext(string name) => $"wecom-connector:{this.GetPrimaryKeyString()}:{name}";

    private WeComConnectorState Copy() => new()
    {
        Exists = Current.Exists,
        DisplayName = Current.DisplayName,
        CorpId = Current.CorpId,
        AgentId = Current.AgentId,
        SealedAppSecret = Current.SealedAppSecret,
        SealedCallbackToken = Current.SealedCallbackToken,
        SealedEncodingAesKey = Current.SealedEncodingAesKey,
        AppSecretLastFour = Current.AppSecretLastFour,
        CallbackTokenLastFour = Current.CallbackTokenLastFour,
        EncodingAesKeyLastFour = Current.EncodingAesKeyLastFour,
        TrustedDomain = Current.TrustedDomain,
        AuthorizedCallbackDomain = Current.AuthorizedCallbackDomain,
        LoginPageDomain = Current.LoginPageDomain,
        EgressIps = [.. Current.EgressIps],
        SyncNodeOrganizationId = Current.SyncNodeOrganizationId,
        MatchRule = Current.MatchRule,
        FieldMappings = Current.FieldMappings,
        UserIdChangeMode = Current.UserIdChangeMode,
        Thresholds = Current.Thresholds,
        Schedule = Current.Schedule,
        Features = Current.Features,
        Version = Current.Version,
        UpdatedAt = Current.UpdatedAt,
        UpdatedBy = Current.UpdatedBy,
        PendingAudit = [.. Current.PendingAudit],
    };

    private WeComConnectorView View(DateTimeOffset? nextRun) => new(
        _tenant.TenantId,
        _connectorId,
        Current.DisplayName,
        Current.CorpId,
        Current.AgentId,
        Hint(Current.SealedAppSecret, Current.AppSecretLastFour),
        Hint(Current.SealedCallbackToken, Current.CallbackTokenLastFour),
        Hint(Current.SealedEncodingAesKey, Current.EncodingAesKeyLastFour),
        Current.TrustedDomain,
        Current.AuthorizedCallbackDomain,
        Current.LoginPageDomain,
        [.. Current.EgressIps],
        Current.SyncNodeOrganizationId,
        Current.MatchRule,
        Current.FieldMappings,
        Current.UserIdChangeMode,
        Current.Thresholds,
        Current.Schedule,
        Current.Features,
        nextRun,
        Current.Version,
        Current.UpdatedAt,
        Current.UpdatedBy);

    // Secrets of 8 characters or fewer show no characters at all.
    private static SecretHint Hint(string? sealedValue, string? lastFour) =>
        sealedValue is null ? SecretHint.None : new SecretHint(true, string.IsNullOrEmpty(lastFour) ? null : lastFour);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ConnectorFieldMappings? Normalize(ConnectorFieldMappings? mappings) =>
        mappings is null
            ? null
            : new ConnectorFieldMappings(
                mappings.Account.IsDefault ? [] : mappings.Account,
                mappings.Organization.IsDefault ? [] : mappings.Organization);

    private static ConnectorFieldMappings DefaultMappings()
    {
        var defaults = Grid.Sync.Mapping.FieldMappingSet.Default;
        return new ConnectorFieldMappings([.. defaults.Accounts], [.. defaults.Organizations]);
    }

    private static string Describe(LoginFeatures f) => string.Join(", ", new[]
    {
        f.ContactSync ? "contact_sync" : null,
        f.QrLogin ? "qr_login" : null,
        f.WebLogin ? "web_login" : null,
        f.PasswordFallback ? "password_fallback" : null,
        f.SmsFallback ? "sms_fallback" : null,
    }.Where(name => name is not null));

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Connector {Key}: {Action} (version {Version})")]
    private static partial void LogConfigured(ILogger logger, string action, string key, long version);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Connector {Key}: a trusted IP it no longer lists stays in the index until another corp claims it")]
    private static partial void LogTrustedIpNotReleased(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Connector {Key}: starting the scheduled sync")]
    private static partial void LogScheduledSyncStarting(ILogger logger, string key);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "Connector {Key}: the scheduled sync could not be started")]
    private static partial void LogScheduledSyncFailed(ILogger logger, Exception exception, string key);
}
