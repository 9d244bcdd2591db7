using Grid.Abstractions;
using Grid.Abstractions.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tenants;

/// <summary>
/// Refuses work in unknown tenants. Remembers a positive answer for the silo (tenants are never deleted, see
/// <see cref="KnownTenants"/>), so the tenant grain is asked at most once per tenant and silo.
/// </summary>
internal sealed class TenantGuard(IGrainFactory grainFactory, KnownTenants known, string tenantId)
{
    public string TenantId => tenantId;

    /// <summary>The guard of a grain of <paramref name="tenantId"/>, with its silo's grain factory and known tenants.</summary>
    public static TenantGuard For(IGrainBase grain, string tenantId)
    {
        var services = grain.GrainContext.ActivationServices;
        return new(services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<KnownTenants>(), tenantId);
    }

    public async Task EnsureExistsAsync()
    {
        if (known.Contains(tenantId))
        {
            return;
        }

        if (!GridKeys.IsValidTenantId(tenantId)
            || !await grainFactory.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Exists())
        {
            throw GridException.UnknownTenant(tenantId);
        }

        known.Add(tenantId);
    }

    /// <summary>Records that the tenant exists (the caller holds state written under it).</summary>
    public void MarkKnown() => known.Add(tenantId);
}
