using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Directory;

[Collection(ClusterCollection.Name)]
public sealed class OutboxRecoveryTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task ChangeFeedDown_WhenTheAccountIsWritten_TheEntryArrivesLaterExactlyOnce()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, "acc_1"));
        var feed = Grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenant));
        var before = await feed.GetLastSequence();

        using (fixture.StorageFaults.FailWhile((name, id) =>
            name == "change-feed-segment" && id.Key.ToString()!.StartsWith(tenant + "/", StringComparison.Ordinal)))
        {
            // The account's own write succeeds, so the call succeeds; its entry waits in the outbox.
            var created = await account.Create(AccountGrainTests.Spec("rita", null, null));
            Assert.Equal(1, created.Version);
            Assert.Equal(before, await feed.GetLastSequence());
            await fixture.Cluster.DeactivateAsync(account);
        }

        // The next activation (or the retry timer, whichever comes first) delivers the entry.
        Assert.Equal(AccountStatus.Active, (await account.Get())!.Status);
        await feed.WaitForNew(before, Patience).WaitAsync(Patience);
        var entries = (await feed.Read(before, 100)).Entries.Where(e => e.ObjectId == "acc_1").ToList();

        Assert.Equal(1, Assert.Single(entries).Version);
    }

    [Fact]
    public async Task SiloDiesBeforeTheEmptiedOutboxIsSaved_TheEntryIsRepeated_AndDedupeLeavesOne()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, "acc_1"));
        var feed = Grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenant));
        await account.Create(AccountGrainTests.Spec("sam", null, null));
        var afterCreate = await feed.GetLastSequence();

        // Delivered, but the write that would record "delivered" is lost, as in a crash.
        var accountId = account.GetGrainId();
        using (fixture.StorageFaults.FailWhile((name, id) => name == "account" && id == accountId))
        {
            await fixture.Cluster.DeactivateAsync(account);
        }

        await account.Get();
        await feed.WaitForNew(afterCreate, Patience).WaitAsync(Patience);
        var raw = (await feed.Read(0, 100)).Entries.Where(e => e.ObjectId == "acc_1").ToList();
        var deduped = raw.DistinctBy(e => (e.ObjectKind, e.ObjectId, e.Version)).ToList();

        Assert.Equal(2, raw.Count);
        Assert.Equal(1, Assert.Single(deduped).Version);
        Assert.Equal(raw[0].Account, raw[1].Account);
    }

    [Fact]
    public async Task RosterDown_WhenTheAccountMoves_TheRosterCatchesUpFromTheOutbox()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, "acc_1"));
        await account.Create(AccountGrainTests.Spec("tom", null, null));
        var feed = Grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenant));
        var before = await feed.GetLastSequence();

        using (fixture.StorageFaults.FailWhile((name, id) =>
            name == "roster" && id.Key.ToString()!.StartsWith(tenant + "/", StringComparison.Ordinal)))
        {
            await account.SetOrganizations([GridKeys.RootOrganizationId]);
            await fixture.Cluster.DeactivateAsync(account);
        }

        // The outbox updates rosters before it appends to the feed: the feed entry means the roster is done.
        await account.Get();
        await feed.WaitForNew(before, Patience).WaitAsync(Patience);
        var members = await Grains.GetGrain<IDirectoryQueryGrain>(tenant).ListMembers(GridKeys.RootOrganizationId, null, 10);

        Assert.Equal("acc_1", Assert.Single(members.Items).AccountId);
    }
}
