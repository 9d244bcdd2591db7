using Grid.Abstractions;
using Grid.Abstractions.Tenants;

namespace Grid.Grains.Tests.Infrastructure;

/// <summary>Fresh keys per test, and a ready tenant.</summary>
public static class TestIds
{
    /// <summary>A new valid tenant id, e.g. <c>t-3f2a9c1b7d4e</c>.</summary>
    public static string NewTenantId() => "t-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Creates a tenant (time zone Asia/Shanghai unless given) and returns its id.</summary>
    public static async Task<string> NewTenantAsync(IGrainFactory grains, string timeZoneId = "Asia/Shanghai")
    {
        var tenantId = NewTenantId();
        await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Test " + tenantId, timeZoneId);
        return tenantId;
    }
}
