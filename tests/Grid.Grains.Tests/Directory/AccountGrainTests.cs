using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Directory;

[Collection(ClusterCollection.Name)]
public sealed class AccountGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Create_ThenGet_ReturnsTheAccountAtVersion1()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Account(tenant, "acc_1");

        var created = await account.Create(Spec("alice", "alice@example.com", "13800000001", GridKeys.RootOrganizationId));

        Assert.Equal(1, created.Version);
        Assert.Equal(AccountStatus.Active, created.Status);
        Assert.Equal(GridKeys.RootOrganizationId, Assert.Single(created.OrganizationIds));
        Assert.Equal(created, await account.Get());
    }

    [Fact]
    public async Task Create_Repeated_IsIdempotent_AndDifferentContentIsAConflict()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Account(tenant, "acc_1");
        var first = await account.Create(Spec("bob", "bob@example.com", null));

        var again = await account.Create(Spec("bob", "bob@example.com", null));
        var error = await Assert.ThrowsAsync<GridException>(() => account.Create(Spec("bob", "other@example.com", null)));

        Assert.Equal(first, again);
        Assert.Equal(GridErrorKind.Conflict, error.Kind);
        Assert.Equal(1, (await account.Get())!.Version);
    }

    [Fact]
    public async Task Create_WhenEmailIsHeldByAnotherAccount_IsRefusedNamingTheFieldAndChangesNothing()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Account(tenant, "acc_a").Create(Spec("a", "Same@Example.com", "13800000002"));

        var error = await Assert.ThrowsAsync<GridException>(
            () => Account(tenant, "acc_b").Create(Spec("b", " same@example.COM ", "13800000003")));

        Assert.Equal(GridErrorKind.Conflict, error.Kind);
        Assert.Equal("email", error.Field);
        Assert.Contains("email 'same@example.com' is already used by account acc_a", error.Message, StringComparison.Ordinal);
        Assert.Null(await Account(tenant, "acc_b").Get());

        // The refused create released what it had claimed: its username and mobile are free again.
        Assert.Null(await Index(tenant, UniqueField.Username, "b").Get());
        Assert.Null(await Index(tenant, UniqueField.Mobile, "+8613800000003").Get());
        Assert.Equal("acc_a", await Index(tenant, UniqueField.Email, "same@example.com").Get());
    }

    [Fact]
    public async Task Apply_WhenEmailChanges_ReleasesTheOldValueAndClaimsTheNewOne()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Account(tenant, "acc_1");
        var created = await account.Create(Spec("carol", "carol@old.example", null));

        var updated = await account.Apply(new AccountChange(
            Profile: created.Profile with { Email = "carol@new.example" }, ExpectedVersion: 1));

        Assert.Equal(2, updated.Version);
        var query = Query(tenant);
        Assert.Null(await query.FindAccount(UniqueField.Email, "carol@old.example"));
        Assert.Equal("acc_1", (await query.FindAccount(UniqueField.Email, "CAROL@new.example"))!.AccountId);

        // Another account can take the released address at once.
        await Account(tenant, "acc_2").Create(Spec("dave", "carol@old.example", null));
    }

    [Fact]
    public async Task Apply_WithAStaleExpectedVersion_IsRefused()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Account(tenant, "acc_1");
        await account.Create(Spec("erin", null, null));
        await account.SetStatus(AccountStatus.Disabled);

        var error = await Assert.ThrowsAsync<GridException>(
            () => account.Apply(new AccountChange(Status: AccountStatus.Active, ExpectedVersion: 1)));

        Assert.Equal(GridErrorKind.FailedPrecondition, error.Kind);
        Assert.Equal(AccountStatus.Disabled, (await account.Get())!.Status);
    }

    [Fact]
    public async Task Delete_KeepsTheRecord_ReleasesUniqueValues_AndLeavesRosters()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Account(tenant, "acc_1");
        await account.Create(Spec("frank", "frank@example.com", "+86 138 0000 0004", GridKeys.RootOrganizationId) with
        {
            ExternalIds = [ExternalId.ForWeCom("wwcorp", "Frank")],
        });

        var deleted = await account.Delete();
        var again = await account.Delete();

        Assert.Equal(AccountStatus.Deleted, deleted.Status);
        Assert.Equal(deleted, again);
        Assert.Equal(AccountStatus.Deleted, (await account.Get())!.Status);
        var query = Query(tenant);
        Assert.Null(await query.FindAccount(UniqueField.Username, "frank"));
        Assert.Empty((await query.ListMembers(GridKeys.RootOrganizationId, null, 10)).Items);
        Assert.Empty((await query.ListAccounts(null, 10)).Items);
        var reuse = await Account(tenant, "acc_2").Create(Spec("frank", "frank@example.com", "13800000004") with
        {
            ExternalIds = [ExternalId.ForWeCom("wwcorp", "frank")],
        });
        Assert.Equal("acc_2", reuse.AccountId);
    }

    [Fact]
    public async Task Apply_RestoringADeletedAccount_ClaimsItsValuesAgain()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Account(tenant, "acc_1");
        await account.Create(Spec("gina", "gina@example.com", null));
        await account.Delete();

        var restored = await account.SetStatus(AccountStatus.Active);

        Assert.Equal(AccountStatus.Active, restored.Status);
        Assert.Equal("acc_1", (await Query(tenant).FindAccount(UniqueField.Username, "GINA"))!.AccountId);
    }

    [Fact]
    public async Task Apply_RebindingTheExternalId_KeepsTheAccountIdAndMovesTheLookup()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Account(tenant, "acc_1");
        await account.Create(Spec("hank", null, null) with { ExternalIds = [ExternalId.ForWeCom("wwcorp", "hank.old")] });

        var rebound = await account.Apply(new AccountChange(ExternalIds: [ExternalId.ForWeCom("wwcorp", "hank.new")]));

        Assert.Equal("acc_1", rebound.AccountId);
        var query = Query(tenant);
        Assert.Null(await query.FindAccount(UniqueField.ExternalId, "wecom:wwcorp:hank.old"));
        Assert.Equal("acc_1", (await query.FindAccount(UniqueField.ExternalId, "wecom:wwcorp:HANK.NEW"))!.AccountId);
    }

    [Fact]
    public async Task FindAccount_ByMobile_MatchesEveryWritingOfTheNumber()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Account(tenant, "acc_1").Create(Spec("ivy", null, "13800138000"));
        var query = Query(tenant);

        foreach (var written in new[] { "+86 138-0013-8000", "008613800138000", "8613800138000", "13800138000" })
        {
            Assert.Equal("acc_1", (await query.FindAccount(UniqueField.Mobile, written))?.AccountId);
        }
    }

    [Fact]
    public async Task Create_WhenAClaimWasLeftBehindByAnAccountThatNeverWrote_TakesTheValueOver()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);

        // As if acc_ghost had claimed the email and its silo had died before writing its state.
        Assert.True(await Index(tenant, UniqueField.Email, "jo@example.com").Claim("acc_ghost"));

        var created = await Account(tenant, "acc_1").Create(Spec("jo", "jo@example.com", null));

        Assert.Equal("acc_1", created.AccountId);
        Assert.Equal("acc_1", await Index(tenant, UniqueField.Email, "jo@example.com").Get());
    }

    [Fact]
    public async Task Create_InAnUnknownTenant_IsNotFoundNamingTheTenant()
    {
        var error = await Assert.ThrowsAsync<GridException>(
            () => Account(TestIds.NewTenantId(), "acc_1").Create(Spec("kim", null, null)));

        Assert.Equal(GridErrorKind.NotFound, error.Kind);
        Assert.Equal("tenant_id", error.Field);
    }

    [Theory]
    [InlineData("not-an-email", null, "email")]
    [InlineData(null, "12ab", "mobile")]
    public async Task Create_WithAnInvalidValue_NamesTheField(string? email, string? mobile, string field)
    {
        var tenant = await TestIds.NewTenantAsync(Grains);

        var error = await Assert.ThrowsAsync<GridException>(() => Account(tenant, "acc_1").Create(Spec("lee", email, mobile)));

        Assert.Equal(GridErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_InAnOrganizationThatDoesNotExist_IsRefusedAndClaimsNothing()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);

        var error = await Assert.ThrowsAsync<GridException>(
            () => Account(tenant, "acc_1").Create(Spec("max", "max@example.com", null, "org_missing")));

        Assert.Equal("organization_ids", error.Field);
        Assert.Null(await Index(tenant, UniqueField.Email, "max@example.com").Get());
    }

    [Fact]
    public async Task Password_SetThenVerify_AcceptsOnlyThePassword_AndStoresItSealed()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Account(tenant, "acc_1");
        await account.Create(Spec("nina", null, null));

        Assert.False(await account.VerifyPassword("correct horse"));
        await account.SetPassword("correct horse");

        Assert.True(await account.VerifyPassword("correct horse"));
        Assert.False(await account.VerifyPassword("Correct horse"));
        Assert.True((await account.Get())!.HasPassword);
        var raw = await RawState.ReadAsync<AccountState>(fixture, "account", account);
        Assert.StartsWith("v1.", raw.SealedPasswordHash, StringComparison.Ordinal);
        Assert.False(RawState.Contains(fixture, raw, "correct horse"));
    }

    [Fact]
    public async Task VerifyPassword_OnADeletedAccount_IsFalse()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Account(tenant, "acc_1");
        await account.Create(Spec("omar", null, null));
        await account.SetPassword("s3cret!");

        await account.Delete();

        Assert.False(await account.VerifyPassword("s3cret!"));
    }

    internal static AccountSpec Spec(string username, string? email, string? mobile, params string[] organizations) =>
        new(
            new AccountProfile(username, username.ToUpperInvariant(), email, mobile),
            AccountStatus.Active,
            [.. organizations],
            ImmutableArray<ExternalId>.Empty);

    private IAccountGrain Account(string tenant, string id) => Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, id));

    private IUniqueIndexGrain Index(string tenant, UniqueField field, string value) =>
        Grains.GetGrain<IUniqueIndexGrain>(GridKeys.UniqueIndex(tenant, field, value)!);

    private IDirectoryQueryGrain Query(string tenant) => Grains.GetGrain<IDirectoryQueryGrain>(tenant);
}
