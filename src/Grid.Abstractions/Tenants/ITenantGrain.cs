using Orleans.Concurrency;

namespace Grid.Abstractions.Tenants;

/// <summary>
/// A tenant, key <c>{tenant}</c> (1..63 characters of a-z, 0-9 and '-'; see <see cref="GridKeys.IsValidTenantId"/>).
/// Every other grain refuses to create anything in an unknown tenant (NotFound naming <c>tenant_id</c>).
/// </summary>
[Alias("grid.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the tenant and its root organization (<see cref="GridKeys.RootOrganizationId"/>, named after the
    /// tenant). Idempotent for the same display name and time zone; Conflict when the tenant exists with others.
    /// </summary>
    [Alias("Create")]
    Task<TenantView> Create(string displayName, string timeZoneId);

    /// <summary>The tenant, or null when it does not exist. Runs interleaved (a pure read).</summary>
    [AlwaysInterleave]
    [Alias("Get")]
    Task<TenantView?> Get();

    /// <summary>Whether the tenant exists. Runs interleaved (a pure read).</summary>
    [AlwaysInterleave]
    [Alias("Exists")]
    Task<bool> Exists();
}
