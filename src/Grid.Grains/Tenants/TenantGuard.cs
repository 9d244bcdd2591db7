using Grid.Abstractions;
using Grid.Abstractions.Tenants;

namespace Grid.Grains.Tenants;

/// <summary>
/// Refuses work in unknown tenants. Remembers a positive answer for the life of the activation (tenants are never
/// deleted), so a grain asks the tenant grain at most once.
/// </summary>
internal sealed class TenantGuard(IGrainFactory grainFactory, string tenantId)
{
    private bool _known;

    public string TenantId => tenantId;

    public async Task EnsureExistsAsync()
    {
        if (_known)
        {
            return;
        }

        if (!GridKeys.IsValidTenantId(tenantId)
            || !await grainFactory.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Exists())
        {
            throw GridException.UnknownTenant(tenantId);
        }

        _known = true;
    }

    /// <summary>Records that the tenant exists (the caller holds state written under it).</summary>
    public void MarkKnown() => _known = true;
}
