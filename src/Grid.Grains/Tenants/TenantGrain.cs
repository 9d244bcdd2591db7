using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Tenants;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Tenants;

public sealed partial class TenantGrain(
    [PersistentState("tenant", "grid")] IPersistentState<TenantState> state,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task<TenantView> Create(string displayName, string timeZoneId)
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
            current.Exists = true;
            current.DisplayName = displayName;
            current.TimeZoneId = timeZoneId;
            current.CreatedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            LogTenantCreated(logger, TenantId);
        }

        if (!current.RootCreated)
        {
            // The root organization checks that the tenant exists (an interleaved read of this grain), so it is
            // created after the tenant's own write; a failure here is repaired by the next Create.
            await GrainFactory.GetGrain<IOrganizationGrain>(GridKeys.Organization(TenantId, GridKeys.RootOrganizationId))
                .Create(new OrganizationSpec(displayName, null));
            current.RootCreated = true;
            await state.WriteStateAsync();
        }

        return View();
    }

    public Task<TenantView?> Get() => Task.FromResult(state.State.Exists ? View() : null);

    public Task<bool> Exists() => Task.FromResult(state.State.Exists);

    private TenantView View() =>
        new(TenantId, state.State.DisplayName, state.State.TimeZoneId, GridKeys.RootOrganizationId, state.State.CreatedAt);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Tenant {TenantId} created")]
    private static partial void LogTenantCreated(ILogger logger, string tenantId);
}
