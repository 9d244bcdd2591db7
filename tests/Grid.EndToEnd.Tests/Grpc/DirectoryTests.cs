using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Grpc;

[Collection(GridHostCollection.Name)]
public sealed class DirectoryTests(GridHostFixture host)
{
    [Fact]
    public async Task GetAccount_ReturnsTheAccount_AndNotFoundForAnUnknownId()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var org = await host.OrganizationAsync(tenantId, "Sales");
        var created = await host.AccountAsync(tenantId, "zhangsan", org, "zhangsan@example.com", "13800000001");

        var found = await host.DirectoryClient().GetAccountAsync(
            new GetAccountRequest { TenantId = tenantId, AccountId = created.AccountId }, GridHostFixture.Bearer(token));
        var missing = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().GetAccountAsync(
            new GetAccountRequest { TenantId = tenantId, AccountId = GridKeys.NewAccountId() }, GridHostFixture.Bearer(token)).ResponseAsync);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().GetAccountAsync(
            new GetAccountRequest { TenantId = tenantId, AccountId = "no/slashes" }, GridHostFixture.Bearer(token)).ResponseAsync);

        Assert.Equal("zhangsan", found.Account.Username);
        Assert.Equal("zhangsan@example.com", found.Account.Email);
        Assert.Equal([org], found.Account.OrganizationIds);
        Assert.Equal(Contracts.V1.AccountStatus.Active, found.Account.Status);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal("account_id", Assert.Single(invalid.GetBadRequest()!.FieldViolations).Field);
    }

    [Fact]
    public async Task LookupAccount_FindsByUsernameEmailAndMobile_AndNeedsAKey()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var org = await host.OrganizationAsync(tenantId, "Ops");
        var created = await host.AccountAsync(tenantId, "lisi", org, "LiSi@Example.com", "13800000002");
        var client = host.DirectoryClient();
        var auth = GridHostFixture.Bearer(token);

        var byUsername = await client.LookupAccountAsync(new LookupAccountRequest { TenantId = tenantId, Username = "LISI" }, auth);
        var byEmail = await client.LookupAccountAsync(new LookupAccountRequest { TenantId = tenantId, Email = "lisi@example.com" }, auth);
        var byMobile = await client.LookupAccountAsync(new LookupAccountRequest { TenantId = tenantId, Mobile = "+86 138 0000 0002" }, auth);
        var none = await Assert.ThrowsAsync<RpcException>(() => client.LookupAccountAsync(
            new LookupAccountRequest { TenantId = tenantId }, auth).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.LookupAccountAsync(
            new LookupAccountRequest { TenantId = tenantId, Username = "nobody" }, auth).ResponseAsync);

        Assert.All([byUsername, byEmail, byMobile], found => Assert.Equal(created.AccountId, found.Account.AccountId));
        Assert.Equal(StatusCode.InvalidArgument, none.StatusCode);
        Assert.Equal("key", Assert.Single(none.GetBadRequest()!.FieldViolations).Field);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ListAccounts_PagesInAStableOrder_WithoutGapsOrRepeats_AndEndsWithAnEmptyToken()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var org = await host.OrganizationAsync(tenantId, "Engineering");
        var other = await host.OrganizationAsync(tenantId, "Elsewhere");
        var members = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            members.Add((await host.AccountAsync(tenantId, $"eng{i:D2}", org)).AccountId);
        }

        await host.AccountAsync(tenantId, "outsider", other);

        var pages = new List<ListAccountsResponse>();
        var pageToken = "";
        do
        {
            var page = await host.DirectoryClient().ListAccountsAsync(
                new ListAccountsRequest { TenantId = tenantId, OrganizationId = org, PageSize = 10, PageToken = pageToken },
                GridHostFixture.Bearer(token));
            pages.Add(page);
            pageToken = page.NextPageToken;
            Assert.True(pages.Count <= 5, "paging did not end");
        }
        while (pageToken != "");

        Assert.Equal([10, 10, 5], pages.Select(p => p.Accounts.Count));
        var listed = pages.SelectMany(p => p.Accounts).Select(a => a.AccountId).ToList();
        Assert.Equal(members.Order(StringComparer.Ordinal), listed);
        var again = await host.DirectoryClient().ListAccountsAsync(
            new ListAccountsRequest { TenantId = tenantId, OrganizationId = org, PageSize = 10 }, GridHostFixture.Bearer(token));
        Assert.Equal(listed.Take(10), again.Accounts.Select(a => a.AccountId));
        var negative = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().ListAccountsAsync(
            new ListAccountsRequest { TenantId = tenantId, PageSize = -1 }, GridHostFixture.Bearer(token)).ResponseAsync);
        Assert.Equal("page_size", Assert.Single(negative.GetBadRequest()!.FieldViolations).Field);
    }

    [Fact]
    public async Task GetOrganization_AndListOrganizations_ShowChildrenAndTheWholeTree()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var sales = await host.OrganizationAsync(tenantId, "Sales");
        var east = await host.OrganizationAsync(tenantId, "Sales East", sales);
        var west = await host.OrganizationAsync(tenantId, "Sales West", sales);
        var auth = GridHostFixture.Bearer(token);

        var got = await host.DirectoryClient().GetOrganizationAsync(new GetOrganizationRequest { TenantId = tenantId, OrganizationId = sales }, auth);
        var children = await host.DirectoryClient().ListOrganizationsAsync(new ListOrganizationsRequest { TenantId = tenantId, ParentId = sales }, auth);
        var tree = new List<Organization>();
        var pageToken = "";
        do
        {
            var page = await host.DirectoryClient().ListOrganizationsAsync(
                new ListOrganizationsRequest { TenantId = tenantId, WholeTree = true, PageSize = 2, PageToken = pageToken }, auth);
            tree.AddRange(page.Organizations);
            pageToken = page.NextPageToken;
        }
        while (pageToken != "");
        var noScope = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().ListOrganizationsAsync(
            new ListOrganizationsRequest { TenantId = tenantId }, auth).ResponseAsync);

        Assert.Equal("Sales", got.Organization.Name);
        Assert.Equal(GridKeys.RootOrganizationId, got.Organization.ParentId);
        Assert.Equal(new[] { east, west }.Order(), got.Children.Select(c => c.OrganizationId).Order());
        Assert.Equal(new[] { east, west }.Order(), children.Organizations.Select(c => c.OrganizationId).Order());
        Assert.Equal(4, tree.Count);
        Assert.Equal(GridKeys.RootOrganizationId, tree[0].OrganizationId);
        Assert.True(tree.FindIndex(o => o.OrganizationId == sales) < tree.FindIndex(o => o.OrganizationId == east), "a child came before its parent");
        Assert.Equal(StatusCode.InvalidArgument, noScope.StatusCode);
    }

    [Fact]
    public async Task WatchChanges_ResumedFromTheLastToken_MissesNothingAndRepeatsNothing()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var org = await host.OrganizationAsync(tenantId, "Feed");
        var start = await host.Grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenantId)).GetLastSequence();
        var first = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            first.Add((await host.AccountAsync(tenantId, $"feed{i}", org)).AccountId);
        }

        var received = new List<WatchChangesResponse>();
        using (var firstWatch = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            using var call = host.DirectoryClient().WatchChanges(
                new WatchChangesRequest { TenantId = tenantId, ResumeToken = start.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                GridHostFixture.Bearer(token), cancellationToken: firstWatch.Token);
            while (received.Count < 3)
            {
                Assert.True(await call.ResponseStream.MoveNext(firstWatch.Token), "the change stream ended early");
                received.Add(call.ResponseStream.Current);
            }

            // Hang up mid-stream, as a client that crashes would.
        }

        var second = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            second.Add((await host.AccountAsync(tenantId, $"late{i}", org)).AccountId);
        }

        var expected = first.Concat(second).ToHashSet();
        var seen = received.Select(Key).ToHashSet();
        using (var resumed = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            using var call = host.DirectoryClient().WatchChanges(
                new WatchChangesRequest { TenantId = tenantId, ResumeToken = received[^1].ResumeToken },
                GridHostFixture.Bearer(token), cancellationToken: resumed.Token);
            while (!expected.SetEquals(received.Where(c => c.ObjectType == "account").Select(c => c.ObjectId)))
            {
                Assert.True(await call.ResponseStream.MoveNext(resumed.Token), "the resumed stream ended early");
                var change = call.ResponseStream.Current;

                // At-least-once: a repeat carries the same (object, version); the documented dedupe drops it.
                if (seen.Add(Key(change)))
                {
                    received.Add(change);
                }
            }
        }

        var sequences = received.Select(c => c.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.All(received.Where(c => c.ObjectType == "account"), c => Assert.Contains(ChangeKind.Created, c.Kinds));
        Assert.Equal(8, received.Count(c => c.ObjectType == "account"));
    }

    [Fact]
    public async Task WatchChanges_WithAShortDeadline_EndsDeadlineExceeded()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);

        using var call = host.DirectoryClient().WatchChanges(
            new WatchChangesRequest { TenantId = tenantId }, GridHostFixture.Bearer(token), deadline: DateTime.UtcNow.AddMilliseconds(300));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task WatchChanges_WithABadToken_IsInvalidArgument()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);

        using var call = host.DirectoryClient().WatchChanges(
            new WatchChangesRequest { TenantId = tenantId, ResumeToken = "yesterday" }, GridHostFixture.Bearer(token));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("resume_token", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
    }

    private static (string, string, long) Key(WatchChangesResponse change) => (change.ObjectType, change.ObjectId, change.Version);
}
