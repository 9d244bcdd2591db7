using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Directory;

[Collection(ClusterCollection.Name)]
public sealed class OrganizationGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Tenant_HasARootOrganizationAtDepth0()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);

        var root = await Org(tenant, GridKeys.RootOrganizationId).Get();

        Assert.NotNull(root);
        Assert.Null(root.ParentId);
        Assert.Equal(0, root.Depth);
    }

    [Fact]
    public async Task Create_UnderAParent_IsListedAsItsChildInOrder()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Org(tenant, "org_b").Create(new OrganizationSpec("B", GridKeys.RootOrganizationId, Order: 1));
        await Org(tenant, "org_a").Create(new OrganizationSpec("A", GridKeys.RootOrganizationId, Order: 5));
        var child = await Org(tenant, "org_a1").Create(new OrganizationSpec("A1", "org_a"));

        var children = await Org(tenant, GridKeys.RootOrganizationId).ListChildren();

        Assert.Equal(["org_a", "org_b"], children.Select(c => c.OrganizationId));
        Assert.Equal(2, child.Depth);
        Assert.Equal("org_a1", Assert.Single(await Org(tenant, "org_a").ListChildren()).OrganizationId);
    }

    [Fact]
    public async Task Create_UnderAMissingParent_IsNotFoundNamingParentId()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);

        var error = await Assert.ThrowsAsync<GridException>(
            () => Org(tenant, "org_x").Create(new OrganizationSpec("X", "org_nowhere")));

        Assert.Equal(GridErrorKind.NotFound, error.Kind);
        Assert.Equal("parent_id", error.Field);
        Assert.Null(await Org(tenant, "org_x").Get());
    }

    [Fact]
    public async Task Create_Repeated_IsIdempotent_AndDifferentContentIsAConflict()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var spec = new OrganizationSpec("Sales", GridKeys.RootOrganizationId, ExternalId.ForWeCom("wwcorp", "2"));
        var first = await Org(tenant, "org_s").Create(spec);

        Assert.Equal(first, await Org(tenant, "org_s").Create(spec));
        var error = await Assert.ThrowsAsync<GridException>(() => Org(tenant, "org_s").Create(spec with { Name = "Other" }));
        Assert.Equal(GridErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task Rename_ChangesTheNameAndVersion()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Org(tenant, "org_1").Create(new OrganizationSpec("Old", GridKeys.RootOrganizationId));

        var renamed = await Org(tenant, "org_1").Rename("  New  ");

        Assert.Equal("New", renamed.Name);
        Assert.Equal(2, renamed.Version);
    }

    [Fact]
    public async Task Move_ReparentsTheSubtree_AndUpdatesDepthsBelow()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Org(tenant, "org_a").Create(new OrganizationSpec("A", GridKeys.RootOrganizationId));
        await Org(tenant, "org_b").Create(new OrganizationSpec("B", GridKeys.RootOrganizationId));
        await Org(tenant, "org_b1").Create(new OrganizationSpec("B1", "org_b"));

        var moved = await Org(tenant, "org_b").Move("org_a");

        Assert.Equal("org_a", moved.ParentId);
        Assert.Equal(2, moved.Depth);
        Assert.Equal(3, (await Org(tenant, "org_b1").Get())!.Depth);
        Assert.Equal(["org_a"], (await Org(tenant, GridKeys.RootOrganizationId).ListChildren()).Select(c => c.OrganizationId));
        Assert.Equal(["org_b"], (await Org(tenant, "org_a").ListChildren()).Select(c => c.OrganizationId));
    }

    [Fact]
    public async Task Move_UnderItsOwnDescendant_IsRefusedAsACycle()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Org(tenant, "org_a").Create(new OrganizationSpec("A", GridKeys.RootOrganizationId));
        await Org(tenant, "org_a1").Create(new OrganizationSpec("A1", "org_a"));
        await Org(tenant, "org_a11").Create(new OrganizationSpec("A11", "org_a1"));

        var error = await Assert.ThrowsAsync<GridException>(() => Org(tenant, "org_a").Move("org_a11"));
        var self = await Assert.ThrowsAsync<GridException>(() => Org(tenant, "org_a").Move("org_a"));

        Assert.Equal(GridErrorKind.FailedPrecondition, error.Kind);
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
        Assert.Equal(GridErrorKind.FailedPrecondition, self.Kind);
        Assert.Equal(GridKeys.RootOrganizationId, (await Org(tenant, "org_a").Get())!.ParentId);
    }

    [Fact]
    public async Task Delete_IsRefusedWithChildren_AndWithMembersUnlessForced()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Org(tenant, "org_a").Create(new OrganizationSpec("A", GridKeys.RootOrganizationId));
        await Org(tenant, "org_a1").Create(new OrganizationSpec("A1", "org_a"));
        var member = Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, "acc_1"));
        await member.Create(AccountGrainTests.Spec("pat", null, null, "org_a1", GridKeys.RootOrganizationId));

        var withChildren = await Assert.ThrowsAsync<GridException>(() => Org(tenant, "org_a").Delete(force: true));
        var withMembers = await Assert.ThrowsAsync<GridException>(() => Org(tenant, "org_a1").Delete(force: false));
        await Org(tenant, "org_a1").Delete(force: true);

        Assert.Equal(GridErrorKind.FailedPrecondition, withChildren.Kind);
        Assert.Equal(GridErrorKind.FailedPrecondition, withMembers.Kind);
        Assert.True((await Org(tenant, "org_a1").Get())!.IsDeleted);
        Assert.Equal(GridKeys.RootOrganizationId, Assert.Single((await member.Get())!.OrganizationIds));
        Assert.Empty(await Org(tenant, "org_a").ListChildren());
        await Org(tenant, "org_a").Delete(force: false);
    }

    [Fact]
    public async Task Delete_TheRoot_IsRefused()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);

        var error = await Assert.ThrowsAsync<GridException>(() => Org(tenant, GridKeys.RootOrganizationId).Delete(force: true));

        Assert.Equal(GridErrorKind.FailedPrecondition, error.Kind);
    }

    [Fact]
    public async Task ListOrganizations_ReturnsTheWholeTreeParentsBeforeChildren_InPages()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Org(tenant, "org_z").Create(new OrganizationSpec("Z", GridKeys.RootOrganizationId));
        await Org(tenant, "org_y").Create(new OrganizationSpec("Y", "org_z"));
        await Org(tenant, "org_x").Create(new OrganizationSpec("X", "org_y"));
        await Org(tenant, "org_w").Create(new OrganizationSpec("W", GridKeys.RootOrganizationId));
        await Org(tenant, "org_w").Delete(force: false);
        var query = Grains.GetGrain<IDirectoryQueryGrain>(tenant);

        var seen = new List<OrganizationView>();
        string? token = null;
        do
        {
            var page = await query.ListOrganizations(token, 2);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal([GridKeys.RootOrganizationId, "org_z", "org_y", "org_x"], seen.Select(o => o.OrganizationId));
    }

    private IOrganizationGrain Org(string tenant, string id) =>
        Grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(tenant, id));
}
