using Grid.Abstractions;
using Grid.Abstractions.Tenants;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Tenants;

[Collection(ClusterCollection.Name)]
public sealed class TenantGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Create_IsIdempotent_AndDifferentSettingsAreAConflict()
    {
        var tenant = Grains.GetGrain<ITenantGrain>(TestIds.NewTenantId());
        Assert.Null(await tenant.Get());
        Assert.False(await tenant.Exists());

        var created = await tenant.Create("Acme", "Asia/Shanghai");
        var again = await tenant.Create("Acme", "Asia/Shanghai");
        var error = await Assert.ThrowsAsync<GridException>(() => tenant.Create("Acme", "Europe/Berlin"));

        Assert.Equal(created, again);
        Assert.Equal(GridKeys.RootOrganizationId, created.RootOrganizationId);
        Assert.True(await tenant.Exists());
        Assert.Equal(GridErrorKind.Conflict, error.Kind);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("has/slash")]
    [InlineData("under_score")]
    [InlineData("a-tenant-id-that-is-far-too-long-for-a-dns-label-0123456789abcdef")]
    public async Task Create_WithAnInvalidId_NamesTenantId(string id)
    {
        var error = await Assert.ThrowsAsync<GridException>(() => Grains.GetGrain<ITenantGrain>(id).Create("X", "UTC"));

        Assert.Equal("tenant_id", error.Field);
        Assert.False(await Grains.GetGrain<ITenantGrain>(id).Exists());
    }

    [Fact]
    public async Task Create_WithAnUnknownTimeZone_NamesTimeZone()
    {
        var error = await Assert.ThrowsAsync<GridException>(
            () => Grains.GetGrain<ITenantGrain>(TestIds.NewTenantId()).Create("X", "Mars/Olympus_Mons"));

        Assert.Equal(GridErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("time_zone", error.Field);
    }
}
