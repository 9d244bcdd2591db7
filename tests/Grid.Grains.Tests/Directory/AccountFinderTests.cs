using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Directory;

[Collection(ClusterCollection.Name)]
public sealed class AccountFinderTests(ClusterFixture fixture)
{
    private IAccountFinder Finder => fixture.SiloServices.GetRequiredService<IAccountFinder>();

    [Fact]
    public async Task FindAsync_AnswersAsTheQueryGrain_WithoutCallingIt()
    {
        var tenant = await TestIds.NewTenantAsync(fixture.Client);
        await fixture.Client.GetGrain<IAccountGrain>(GridKeys.Account(tenant, "acc_1")).Create(AccountGrainTests.Spec("ivy", "ivy@example.com", null));
        var queried = fixture.GrainCalls.Of("IDirectoryQueryGrain.FindAccount");

        var byUsername = await Finder.FindAsync(tenant, UniqueField.Username, "IVY");
        var byEmail = await Finder.FindAsync(tenant, UniqueField.Email, "Ivy@Example.com");
        var nobody = await Finder.FindAsync(tenant, UniqueField.Username, "nobody");

        Assert.Equal("acc_1", byUsername?.AccountId);
        Assert.Equal("acc_1", byEmail?.AccountId);
        Assert.Null(nobody);
        Assert.Equal(queried, fixture.GrainCalls.Of("IDirectoryQueryGrain.FindAccount"));
        Assert.Equal(byUsername, await fixture.Client.GetGrain<IDirectoryQueryGrain>(tenant).FindAccount(UniqueField.Username, "ivy"));
    }

    [Fact]
    public async Task FindAsync_RefusesAnUnknownTenant_AndAnInvalidValue()
    {
        var tenant = await TestIds.NewTenantAsync(fixture.Client);

        var unknown = await Assert.ThrowsAsync<GridException>(() => Finder.FindAsync(TestIds.NewTenantId(), UniqueField.Username, "ivy"));
        var invalid = await Assert.ThrowsAsync<GridException>(() => Finder.FindAsync(tenant, UniqueField.Email, "no-at-sign"));

        Assert.Equal(GridErrorKind.NotFound, unknown.Kind);
        Assert.Equal(GridErrorKind.InvalidArgument, invalid.Kind);
        Assert.Equal("email", invalid.Field);
    }
}
