using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Tests.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Tenants;

[Collection(ClusterCollection.Name)]
public sealed class ChangeFeedTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Feed_RecordsEveryChangeInOrder_WithWhatEachChangeDid()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, "acc_1"));
        var organization = Grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(tenant, "org_1"));
        var created = await account.Create(AccountGrainTests.Spec("quinn", null, null, GridKeys.RootOrganizationId));
        await account.Update(created.Profile with { DisplayName = "Quinn Q." });
        await organization.Create(new OrganizationSpec("One", GridKeys.RootOrganizationId));
        await account.SetOrganizations(["org_1"]);
        await account.SetStatus(AccountStatus.Disabled);
        await account.Delete();

        var page = await Feed(tenant).Read(0, 100);

        Assert.Equal(Enumerable.Range(1, page.Entries.Length).Select(i => (long)i), page.Entries.Select(e => e.Sequence));
        Assert.Equal(page.LastSequence, page.NextToken);
        var accountEntries = page.Entries.Where(e => e.ObjectId == "acc_1").ToList();
        Assert.Equal([1L, 2, 3, 4, 5], accountEntries.Select(e => e.Version));
        Assert.Equal(
            [ChangeKinds.Created, ChangeKinds.Updated, ChangeKinds.Moved, ChangeKinds.StatusChanged, ChangeKinds.Deleted],
            accountEntries.Select(e => e.Kinds));
        Assert.Equal("Quinn Q.", accountEntries[1].Account!.Profile.DisplayName);
        var organizationCreated = Assert.Single(page.Entries, e => e.ObjectId == "org_1");
        Assert.Equal(DirectoryObjectKind.Organization, organizationCreated.ObjectKind);
        Assert.Equal("One", organizationCreated.Organization!.Name);
    }

    [Fact]
    public async Task Read_FromAResumeToken_ReturnsOnlyLaterEntries_AcrossSegments()
    {
        var tenant = TestIds.NewTenantId();
        var feed = Feed(tenant);
        for (var i = 0; i < 5; i++)
        {
            await feed.Append([.. Enumerable.Range(0, 9).Select(j => Entry($"obj_{(i * 9) + j}"))]);
        }

        var first = await feed.Read(0, 20);
        var second = await feed.Read(first.NextToken, 20);
        var third = await feed.Read(second.NextToken, 20);
        var end = await feed.Read(third.NextToken, 20);

        var all = first.Entries.Concat(second.Entries).Concat(third.Entries).ToList();
        Assert.Equal(Enumerable.Range(0, 45).Select(i => $"obj_{i}"), all.Select(e => e.ObjectId));
        Assert.Equal(Enumerable.Range(1, 45).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Empty(end.Entries);
        Assert.Equal(45, end.NextToken);
    }

    [Fact]
    public async Task Read_FromATokenOlderThanRetention_IsResumeTokenExpired()
    {
        var tenant = TestIds.NewTenantId();
        var feed = Feed(tenant);

        // 16 entries per segment, 4 segments kept: 100 entries drop the first three segments.
        await feed.Append([.. Enumerable.Range(0, 100).Select(i => Entry($"obj_{i}"))]);

        var error = await Assert.ThrowsAsync<GridException>(() => feed.Read(0, 10));
        var oldest = await feed.Read(48, 10);

        Assert.Equal(GridErrorKind.ResumeTokenExpired, error.Kind);
        Assert.Contains("too old", error.Message, StringComparison.Ordinal);
        Assert.Equal(49, oldest.FirstRetainedSequence);
        Assert.Equal(49, oldest.Entries[0].Sequence);
        Assert.Equal(100, oldest.LastSequence);
    }

    [Fact]
    public async Task ReadBackward_ReturnsNewestFirst_DownToTheOldestRetained()
    {
        var tenant = TestIds.NewTenantId();
        var feed = Feed(tenant);
        await feed.Append([.. Enumerable.Range(0, 20).Select(i => Entry($"obj_{i}"))]);

        var newest = await feed.ReadBackward(0, 15);
        var rest = await feed.ReadBackward(newest.NextToken, 15);

        Assert.Equal(Enumerable.Range(6, 15).Reverse().Select(i => (long)i), newest.Entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 5).Reverse().Select(i => (long)i), rest.Entries.Select(e => e.Sequence));
        Assert.Equal(0, rest.NextToken);
    }

    [Fact]
    public async Task WaitForNew_ReturnsAsSoonAsAnEntryIsAppended()
    {
        var tenant = TestIds.NewTenantId();
        var feed = Feed(tenant);
        await feed.Append([Entry("obj_0")]);

        var waiting = feed.WaitForNew(1, TimeSpan.FromSeconds(20));
        await feed.Append([Entry("obj_1")]);
        var last = await waiting.WaitAsync(Patience);

        Assert.Equal(2, last);
        Assert.Equal(2, await feed.WaitForNew(0, TimeSpan.FromSeconds(20)).WaitAsync(Patience));
    }

    private IChangeFeedGrain Feed(string tenant) => Grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenant));

    private static ChangeEntry Entry(string objectId) =>
        new(0, ClusterFixture.Start, DirectoryObjectKind.Organization, objectId, 1, ChangeKinds.Created, null, null);
}
