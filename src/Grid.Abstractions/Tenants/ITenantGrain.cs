using Grid.Abstractions.Auth;
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

    /// <summary>
    /// Creates the tenant, its root organization and its first admin service client (scopes <c>admin</c> and
    /// <c>directory.read</c>) and records both in the audit trail, as one call that the grain finishes once it has
    /// started, whatever happens to the caller. Conflict (naming <c>tenant_id</c>) when the tenant exists: of parallel
    /// calls exactly one creates it. A credential that reached no one is replaced with <see cref="ResetAdmin"/>.
    /// </summary>
    [Alias("CreateWithAdmin")]
    Task<TenantCreated> CreateWithAdmin(string displayName, string timeZoneId, string createdBy);

    /// <summary>
    /// Revokes the tenant's first admin service client (the one <see cref="CreateWithAdmin"/> or the previous reset
    /// made) and issues a new one, audited: the platform operator's way back into a tenant whose admin credential was
    /// lost. NotFound when the tenant does not exist.
    /// </summary>
    [Alias("ResetAdmin")]
    Task<IssuedServiceClient> ResetAdmin(string requestedBy);

    /// <summary>The tenant, or null when it does not exist. Runs interleaved (a pure read).</summary>
    [AlwaysInterleave]
    [Alias("Get")]
    Task<TenantView?> Get();

    /// <summary>Whether the tenant exists. Runs interleaved (a pure read).</summary>
    [AlwaysInterleave]
    [Alias("Exists")]
    Task<bool> Exists();
}
