using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Grains.Secrets;
using Grid.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using static Grid.Grains.Connectors.WeComConnectorConversion;

namespace Grid.Grains.Connectors;

public sealed partial class WeComConnectorGrain : Grain, IWeComConnectorGrain, IRemindable
{
    /// <summary>The reminder that starts the daily scheduled sync.</summary>
    public const string DailySyncReminder = "daily-sync";

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly IPersistentState<WeComConnectorState> _state;
    private readonly DeepCopier<WeComConnectorState> _copier;
    private readonly ISecretSealer _sealer;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComConnectorGrain> _logger;
    private TenantGuard _tenant = null!;
    private string _connectorId = "";
    private TrustedIpClaims _trustedIps = null!;

    public WeComConnectorGrain(
        [PersistentState("wecom-connector", "grid")] IPersistentState<WeComConnectorState> state,
        DeepCopier<WeComConnectorState> copier,
        ISecretSealer sealer,
        TimeProvider time,
        ILogger<WeComConnectorGrain> logger)
    {
        _state = state;
        _copier = copier;
        _sealer = sealer;
        _time = time;
        _logger = logger;
    }

    private WeComConnectorState Current => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenantId, connectorId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        _tenant = TenantGuard.For(this, tenantId);
        _trustedIps = new TrustedIpClaims(GrainFactory, _state, tenantId, connectorId, _logger);
        _connectorId = connectorId;
        if (Current.Exists)
        {
            _tenant.MarkKnown();
            await FlushAuditAsync();
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
        var returnOrigins = check.ReturnOrigins(settings.AllowedReturnOrigins.IsDefault ? [] : settings.AllowedReturnOrigins);
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
        await _trustedIps.ClaimAllAsync(egressIps, settings.CorpId, settings.EgressIps);

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
        next.AllowedReturnOrigins = returnOrigins;
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
            await _trustedIps.UndoClaimsAsync(egressIps);
            throw;
        }
        finally
        {
            _trustedIps.EndClaiming();
        }

        await _trustedIps.ReleaseAsync(previousIps.Except(egressIps, StringComparer.Ordinal));
        return view;
    }

    public async Task<ImmutableArray<string>> GetContestedTrustedIps()
    {
        EnsureConfigured();
        return await _trustedIps.ContestedAsync();
    }

    public Task<bool> HoldsTrustedIp(string ip, string corpId) => Task.FromResult(_trustedIps.Holds(ip, corpId));

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
        await FlushAuditAsync();
        var nextRun = await SyncReminderAsync();
        return View(nextRun);
    }

    private Task FlushAuditAsync() => PendingAudit.FlushAsync(
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

    // Orleans' deep copier: a field added to the state is copied without anyone remembering to.
    private WeComConnectorState Copy() => _copier.Copy(Current);

    private WeComConnectorView View(DateTimeOffset? nextRun) => Current.ToView(_tenant.TenantId, _connectorId, nextRun);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Connector {Key}: {Action} (version {Version})")]
    private static partial void LogConfigured(ILogger logger, string action, string key, long version);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Connector {Key}: starting the scheduled sync")]
    private static partial void LogScheduledSyncStarting(ILogger logger, string key);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "Connector {Key}: the scheduled sync could not be started")]
    private static partial void LogScheduledSyncFailed(ILogger logger, Exception exception, string key);
}
