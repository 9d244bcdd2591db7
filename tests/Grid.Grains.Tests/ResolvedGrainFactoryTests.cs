using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Tenants;
using Grid.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ResolvedGrainFactoryTests(ClusterFixture fixture)
{
    [Fact]
    public void TheSilosFactory_IsTheResolvingOne()
    {
        Assert.IsType<ResolvedGrainFactory>(fixture.SiloServices.GetRequiredService<IGrainFactory>());
    }

    [Fact]
    public void AReference_IsTheOneOrleansMakes_ForEveryKeyOfEveryInterface()
    {
        var resolved = fixture.SiloServices.GetRequiredService<IGrainFactory>();
        foreach (var key in new[] { "acme", "acme/wecom", "t-1/ü/ 2" })
        {
            AssertSame(fixture.Client.GetGrain<ITenantGrain>(key), resolved.GetGrain<ITenantGrain>(key));
            AssertSame(fixture.Client.GetGrain<IAccountGrain>(key), resolved.GetGrain<IAccountGrain>(key));
        }
    }

    [Fact]
    public async Task AReference_Calls_TheGrainOfItsKey()
    {
        var tenantId = TestIds.NewTenantId();
        await fixture.Client.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Acme", "UTC");

        var resolved = fixture.SiloServices.GetRequiredService<IGrainFactory>();
        var tenant = await resolved.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Get();

        Assert.Equal("Acme", tenant?.DisplayName);
    }

    private static void AssertSame(IAddressable expected, IAddressable actual)
    {
        var (orleans, ours) = ((GrainReference)expected, (GrainReference)actual);
        Assert.Equal(orleans.GrainId, ours.GrainId);
        Assert.Equal(orleans.InterfaceType, ours.InterfaceType);
        Assert.Equal(expected.GetType(), actual.GetType());
    }
}
