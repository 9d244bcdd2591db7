using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Tenants;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Grid.Grains.Tenants;

public sealed partial class TenantGrain(
    [PersistentState("tenant", "grid")] IPersistentState<TenantState> state,
    DeepCopier<TenantState> copier,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private static readonly ImmutableArray<string> AdminScopes = [GridScopes.Admin, GridScopes.DirectoryRead];

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Entries of a change stored before the last deactivation (or crash) but not appended yet.
        await FlushAuditAsync();
    }

    public async Task<TenantView> Create(string displayName, string timeZoneId)
    {
        (displayName, timeZoneId) = Validate(displayName, timeZoneId);
        var current = state.State;
        if (current.Exists)
        {
            if (current.DisplayName != displayName || current.TimeZoneId != timeZoneId)
            {
                throw GridException.Conflict(
                    $"tenant '{TenantId}' already exists with display name '{current.DisplayName}' and time zone '{current.TimeZoneId}'",
                    "tenant_id");
            }
        }
        else
        {
            await StoreNewAsync(displayName, timeZoneId, adminClientId: null, audit: null);
        }

        await EnsureRootAsync();
        return View();
    }

    public async Task<TenantCreated> CreateWithAdmin(string displayName, string timeZoneId, string createdBy)
    {
        (displayName, timeZoneId) = Validate(displayName, timeZoneId);
        if (state.State.Exists)
        {
            throw GridException.Conflict($"tenant '{TenantId}' already exists", "tenant_id");
        }

        // The admin client's id is stored with the tenant before the client exists: whatever stops this call half-way
        // (a crash), ResetAdmin knows which client to revoke, and no admin client is ever made that nobody can revoke.
        var clientId = ServiceClientIds.New(TenantId);
        await StoreNewAsync(displayName, timeZoneId, clientId, Audit(createdBy, "tenant.create", $"tenant/{TenantId}", $"created tenant '{displayName}'"));
        await EnsureRootAsync();
        var admin = await CreateAdminClientAsync(clientId, createdBy);
        await WriteAuditedAsync(
            Audit(createdBy, "service_client.create", $"service_client/{clientId}", $"created '{admin.DisplayName}' with scopes {string.Join(' ', AdminScopes)}"));
        return new TenantCreated(View(), admin);
    }

    public async Task<IssuedServiceClient> ResetAdmin(string requestedBy)
    {
        if (!state.State.Exists)
        {
            throw GridException.UnknownTenant(TenantId);
        }

        await EnsureRootAsync();

        // Revoke first, then record the next id, then make it: a crash between two steps leaves nothing valid that is
        // not recorded, and the next reset finishes the job.
        var previous = state.State.AdminClientId;
        if (previous is not null)
        {
            await GrainFactory.GetGrain<IServiceClientGrain>(previous).Revoke(requestedBy, audited: false);
        }

        var clientId = ServiceClientIds.New(TenantId);
        var next = copier.Copy(state.State);
        next.AdminClientId = clientId;
        await state.WriteOrRevertAsync(next);
        var admin = await CreateAdminClientAsync(clientId, requestedBy);
        var revoked = previous is null ? "no first admin client was recorded" : $"revoked '{previous}'";
        await WriteAuditedAsync(
            Audit(requestedBy, "tenant.reset_admin", $"service_client/{clientId}", $"issued a new first admin client with scopes {string.Join(' ', AdminScopes)}; {revoked}"));
        LogAdminReset(logger, TenantId, clientId, requestedBy);
        return admin;
    }

    public Task<TenantView?> Get() => Task.FromResult(state.State.Exists ? View() : null);

    public Task<bool> Exists() => Task.FromResult(state.State.Exists);

    private (string DisplayName, string TimeZoneId) Validate(string displayName, string timeZoneId)
    {
        GridKeys.ValidateTenantId(TenantId);
        displayName = displayName?.Trim() ?? "";
        if (displayName.Length is 0 or > 128)
        {
            throw GridException.Invalid("display_name", "required, at most 128 characters");
        }

        timeZoneId = timeZoneId?.Trim() ?? "";
        if (timeZoneId.Length == 0 || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
        {
            throw GridException.Invalid("time_zone", $"'{timeZoneId}' is not a known time zone id (e.g. Asia/Shanghai)");
        }

        return (displayName, timeZoneId);
    }

    private async Task StoreNewAsync(string displayName, string timeZoneId, string? adminClientId, AuditEntry? audit)
    {
        await state.WriteOrRevertAsync(new TenantState
        {
            Exists = true,
            DisplayName = displayName,
            TimeZoneId = timeZoneId,
            CreatedAt = time.GetUtcNow(),
            AdminClientId = adminClientId,
            PendingAudit = audit is null ? [] : [audit],
        });
        LogTenantCreated(logger, TenantId);
    }

    private async Task EnsureRootAsync()
    {
        if (state.State.RootCreated)
        {
            return;
        }

        // The root organization checks that the tenant exists (an interleaved read of this grain), so it is created
        // after the tenant's own write; a failure here is repaired by the next Create or ResetAdmin.
        await GrainFactory.GetGrain<IOrganizationGrain>(GridKeys.Organization(TenantId, GridKeys.RootOrganizationId))
            .Create(new OrganizationSpec(state.State.DisplayName, null));
        var next = copier.Copy(state.State);
        next.RootCreated = true;
        await state.WriteOrRevertAsync(next);
    }

    private async Task<IssuedServiceClient> CreateAdminClientAsync(string clientId, string createdBy)
    {
        var displayName = $"{TenantId} admin";
        var secret = await GrainFactory.GetGrain<IServiceClientGrain>(clientId)
            .Create(new ServiceClientRegistration(TenantId, displayName, AdminScopes, createdBy));
        return new IssuedServiceClient(clientId, secret, TenantId, displayName, AdminScopes);
    }

    private AuditEntry Audit(string actor, string action, string target, string summary) =>
        new(0, time.GetUtcNow(), actor, action, target, summary);

    // The entry is stored with the tenant (the change it describes is already made), then appended: at least once.
    private async Task WriteAuditedAsync(AuditEntry entry)
    {
        var next = copier.Copy(state.State);
        next.PendingAudit.Add(entry);
        await state.WriteOrRevertAsync(next);
        await FlushAuditAsync();
    }

    private Task FlushAuditAsync() =>
        PendingAudit.FlushAsync(GrainFactory, TenantId, state.State.PendingAudit, state.WriteStateAsync, logger, TenantId);

    private TenantView View() =>
        new(TenantId, state.State.DisplayName, state.State.TimeZoneId, GridKeys.RootOrganizationId, state.State.CreatedAt);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Tenant {TenantId} created")]
    private static partial void LogTenantCreated(ILogger logger, string tenantId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "First admin client of tenant {TenantId} reset to {ClientId} by {RequestedBy}")]
    private static partial void LogAdminReset(ILogger logger, string tenantId, string clientId, string requestedBy);
}
