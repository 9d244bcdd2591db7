using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Tenants;
using Grid.Grains.Tests.Directory;
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

    [Fact]
    public async Task GrainsOfATenantTheSiloKnowsExists_DoNotAskTheTenantGrainAgain_WhileAnUnknownTenantIsStillRefused()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, "acc_first")).Create(AccountGrainTests.Spec("first", null, null));
        var asked = fixture.GrainCalls.Of("ITenantGrain.Exists");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, $"acc_{i}"))
            .Create(AccountGrainTests.Spec($"user{i}", null, null))));
        await Grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(tenant, "org_known"))
            .Create(new OrganizationSpec("Known", GridKeys.RootOrganizationId));
        var unknown = TestIds.NewTenantId();
        var refused = await Assert.ThrowsAsync<GridException>(() =>
            Grains.GetGrain<IAccountGrain>(GridKeys.Account(unknown, "acc_1")).Create(AccountGrainTests.Spec("user1", null, null)));

        Assert.Equal(asked + 1, fixture.GrainCalls.Of("ITenantGrain.Exists"));
        Assert.Equal(GridErrorKind.NotFound, refused.Kind);
    }

    [Fact]
    public async Task CreateWithAdmin_CalledInParallel_CreatesOnceWithOneWorkingAdminClient_AndAuditsIt()
    {
        var tenantId = TestIds.NewTenantId();
        var tenant = Grains.GetGrain<ITenantGrain>(tenantId);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return (Created: await tenant.CreateWithAdmin("Acme", "Asia/Shanghai", "gc_operator"), Error: (GridException?)null);
            }
            catch (GridException error)
            {
                return (Created: (TenantCreated?)null, Error: error);
            }
        }));
        var created = Assert.Single(attempts, attempt => attempt.Created is not null).Created!;
        var identity = await Grains.GetGrain<IServiceClientGrain>(created.Admin.ClientId).Authenticate(created.Admin.Secret);
        var audit = await Grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(tenantId)).ReadBackward(0, 10);

        Assert.All(attempts.Where(attempt => attempt.Created is null), attempt => Assert.Equal(GridErrorKind.Conflict, attempt.Error!.Kind));
        Assert.Equal(tenantId, identity!.TenantId);
        Assert.Equal([GridScopes.Admin, GridScopes.DirectoryRead], identity.Scopes.ToArray());
        Assert.Equal(GridKeys.RootOrganizationId, created.Tenant.RootOrganizationId);
        Assert.Equal(["service_client.create", "tenant.create"], audit.Entries.Select(entry => entry.Action).ToArray());
        Assert.All(audit.Entries, entry => Assert.Equal("gc_operator", entry.Actor));
        Assert.DoesNotContain(created.Admin.Secret, created.Admin.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetAdmin_RevokesTheFirstAdminClient_AndIssuesANewOne_EachTime()
    {
        var tenantId = TestIds.NewTenantId();
        var tenant = Grains.GetGrain<ITenantGrain>(tenantId);
        var created = await tenant.CreateWithAdmin("Acme", "UTC", "gc_operator");

        var first = await tenant.ResetAdmin("gc_operator");
        var second = await tenant.ResetAdmin("gc_operator");
        var unknown = await Assert.ThrowsAsync<GridException>(() => Grains.GetGrain<ITenantGrain>(TestIds.NewTenantId()).ResetAdmin("gc_operator"));
        var audit = await Grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(tenantId)).ReadBackward(0, 10);

        Assert.Null(await Grains.GetGrain<IServiceClientGrain>(created.Admin.ClientId).Authenticate(created.Admin.Secret));
        Assert.Null(await Grains.GetGrain<IServiceClientGrain>(first.ClientId).Authenticate(first.Secret));
        var identity = await Grains.GetGrain<IServiceClientGrain>(second.ClientId).Authenticate(second.Secret);
        Assert.Equal([GridScopes.Admin, GridScopes.DirectoryRead], identity!.Scopes.ToArray());
        Assert.Equal(tenantId, second.TenantId);
        Assert.Equal(GridErrorKind.NotFound, unknown.Kind);
        Assert.Equal(2, audit.Entries.Count(entry => entry.Action == "tenant.reset_admin"));
        Assert.Contains(audit.Entries, entry => entry.Summary.Contains($"revoked '{first.ClientId}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetAdmin_WhenTheTenantWriteFails_KeepsTheStoredAdminClient_AndTheRetryRevokesThatOne()
    {
        var tenantId = TestIds.NewTenantId();
        var tenant = Grains.GetGrain<ITenantGrain>(tenantId);
        var created = await tenant.CreateWithAdmin("Acme", "UTC", "gc_operator");

        var grainId = tenant.GetGrainId();
        using (fixture.StorageFaults.FailWhile((name, id) => name == "tenant" && id == grainId))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => tenant.ResetAdmin("gc_operator"));
        }

        var retried = await tenant.ResetAdmin("gc_operator");
        var audit = await Grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(tenantId)).ReadBackward(0, 10);

        // Memory that ran ahead of storage would name the id of the failed reset, a client that was never made.
        var reset = Assert.Single(audit.Entries, entry => entry.Action == "tenant.reset_admin");
        Assert.Contains($"revoked '{created.Admin.ClientId}'", reset.Summary, StringComparison.Ordinal);
        Assert.NotNull(await Grains.GetGrain<IServiceClientGrain>(retried.ClientId).Authenticate(retried.Secret));
    }

    [Fact]
    public async Task CreateWithAdmin_WhenTheAuditLogCannotBeWritten_Succeeds_AndTheEntriesAreAppendedLater()
    {
        var tenantId = TestIds.NewTenantId();
        var tenant = Grains.GetGrain<ITenantGrain>(tenantId);
        var auditLog = Grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(tenantId));

        TenantCreated created;
        using (fixture.StorageFaults.FailWhile((name, _) => name.StartsWith("audit-log", StringComparison.Ordinal)))
        {
            created = await tenant.CreateWithAdmin("Acme", "UTC", "gc_operator");
        }

        Assert.Empty((await auditLog.ReadBackward(0, 10)).Entries);

        // The entries were stored with the tenant: the next change appends them before its own.
        await tenant.ResetAdmin("gc_operator");
        var actions = (await auditLog.ReadBackward(0, 10)).Entries.Select(entry => entry.Action).ToArray();

        Assert.Equal(["tenant.reset_admin", "service_client.create", "tenant.create"], actions);
        Assert.NotNull(created.Admin.ClientId);
    }

    [Fact]
    public async Task CreateWithAdmin_ForATenantThatExists_IsAConflictAndChangesNothing()
    {
        var tenant = Grains.GetGrain<ITenantGrain>(TestIds.NewTenantId());
        var existing = await tenant.Create("Acme", "UTC");

        var error = await Assert.ThrowsAsync<GridException>(() => tenant.CreateWithAdmin("Acme", "UTC", "gc_operator"));

        Assert.Equal(GridErrorKind.Conflict, error.Kind);
        Assert.Equal("tenant_id", error.Field);
        Assert.Equal(existing, await tenant.Get());
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
