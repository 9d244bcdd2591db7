using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Directory;

[Collection(ClusterCollection.Name)]
public sealed class RosterPagingTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task ListMembers_Over1000Members_WalksEveryMemberOnceInAccountIdOrder()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(tenant, "org_big"))
            .Create(new OrganizationSpec("Big", GridKeys.RootOrganizationId));
        var ids = Enumerable.Range(0, 1000).Select(i => $"acc_{i:D5}").ToList();
        await Task.WhenAll(ids.Select(id => Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, id))
            .Create(AccountGrainTests.Spec("u" + id, null, null, "org_big"))));
        var query = Grains.GetGrain<IDirectoryQueryGrain>(tenant);

        var walked = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await query.ListMembers("org_big", token, 64);
            walked.AddRange(page.Items.Select(a => a.AccountId));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(ids, walked);
        Assert.Equal(16, pages);
        Assert.Equal(ids, (await WalkAllAsync(query)).Where(id => id.StartsWith("acc_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListMembers_AfterMembersLeave_SkipsThemWithoutRepeatingOthers()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var ids = Enumerable.Range(0, 40).Select(i => $"acc_{i:D3}").ToList();
        await Task.WhenAll(ids.Select(id => Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, id))
            .Create(AccountGrainTests.Spec("u" + id, null, null, GridKeys.RootOrganizationId))));
        var query = Grains.GetGrain<IDirectoryQueryGrain>(tenant);
        var first = await query.ListMembers(GridKeys.RootOrganizationId, null, 10);

        // Members of the next pages leave between two page reads.
        await Task.WhenAll(ids.Where((_, i) => i % 2 == 1).Select(id =>
            Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, id)).SetOrganizations([])));
        var rest = new List<string>();
        var token = first.NextPageToken;
        while (token is not null)
        {
            var page = await query.ListMembers(GridKeys.RootOrganizationId, token, 10);
            rest.AddRange(page.Items.Select(a => a.AccountId));
            token = page.NextPageToken;
        }

        Assert.Equal(ids.Take(10), first.Items.Select(a => a.AccountId));
        Assert.Equal(ids.Skip(10).Where((_, i) => i % 2 == 0), rest);
    }

    [Fact]
    public async Task ListMembers_WithADamagedToken_NamesPageToken()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);

        var error = await Assert.ThrowsAsync<GridException>(
            () => Grains.GetGrain<IDirectoryQueryGrain>(tenant).ListMembers(GridKeys.RootOrganizationId, "garbage!", 10));

        Assert.Equal("page_token", error.Field);
    }

    [Fact]
    public async Task ListOrganizations_WithATokenOfListAccounts_IsRefusedNamingPageToken()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, $"acc_{i}"))
            .Create(AccountGrainTests.Spec($"swap{i}", null, null, GridKeys.RootOrganizationId))));
        var query = Grains.GetGrain<IDirectoryQueryGrain>(tenant);
        var accounts = await query.ListAccounts(null, 1);

        var error = await Assert.ThrowsAsync<GridException>(() => query.ListOrganizations(accounts.NextPageToken, 10));

        Assert.Equal(("page_token", GridErrorKind.InvalidArgument), (error.Field, error.Kind));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(1000)]
    public async Task PageAsync_WhenMostItemsCrowdIntoOneBucket_WalksEveryItemOnceInOrder(int pageSize)
    {
        // 300 items in one bucket of the 64, 60 spread over the others: a bucket's share of a page is no bound.
        var tenant = await TestIds.NewTenantAsync(Grains);
        var candidates = Enumerable.Range(0, 40_000).Select(i => $"acc_{i:D5}").ToList();
        var crowded = candidates.Where(id => StableHash.Of(id) % Rosters.AccountCatalogBuckets == 5).Take(300);
        var spread = candidates.Where(id => StableHash.Of(id) % Rosters.AccountCatalogBuckets != 5).Take(60);
        var items = crowded.Concat(spread).Order(StringComparer.Ordinal).ToList();
        await Task.WhenAll(items.Select(id => Rosters.Partition(Grains, tenant, Rosters.AccountCatalog, id).Add(id)));

        var (walked, pages) = await WalkRosterAsync(tenant, pageSize);

        Assert.Equal(items, walked);
        Assert.Equal((items.Count + pageSize - 1) / pageSize, pages);
    }

    [Fact]
    public async Task PageAsync_WithAnEmptyRosterOrAfterItsLastItem_ReturnsAnEmptyLastPage()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var empty = await Rosters.PageAsync(Grains, tenant, Rosters.AccountCatalog, null, 10);
        await Rosters.Partition(Grains, tenant, Rosters.AccountCatalog, "acc_1").Add("acc_1");

        var after = await Rosters.PageAsync(Grains, tenant, Rosters.AccountCatalog, "acc_1", 10);
        var whole = await Rosters.PageAsync(Grains, tenant, Rosters.AccountCatalog, null, 1);

        Assert.Equal((0, null), (empty.Items.Length, empty.Next));
        Assert.Equal((0, null), (after.Items.Length, after.Next));
        Assert.Equal(("acc_1", null), (Assert.Single(whole.Items), whole.Next));
    }

    private async Task<(List<string> Walked, int Pages)> WalkRosterAsync(string tenant, int pageSize)
    {
        var walked = new List<string>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await Rosters.PageAsync(Grains, tenant, Rosters.AccountCatalog, after, pageSize);
            walked.AddRange(page.Items);
            after = page.Next;
            pages++;
        }
        while (after is not null);

        return (walked, pages);
    }

    private static async Task<List<string>> WalkAllAsync(IDirectoryQueryGrain query)
    {
        var all = new List<string>();
        string? token = null;
        do
        {
            var page = await query.ListAccounts(token, 1000);
            all.AddRange(page.Items.Select(a => a.AccountId));
            token = page.NextPageToken;
        }
        while (token is not null);

        return all;
    }
}
