using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Grains.Sync.Incremental;
using Grid.WeCom.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Sync.Incremental;

/// <summary>The sliding-window delete budget of change callbacks and the held deletes, on the test cluster.</summary>
[Collection(SyncCollection.Name)]
public sealed class DeleteBudgetTests(SyncClusterFixture fixture)
{
    private IContactChangeApplier Applier => fixture.SiloServices.GetRequiredService<IContactChangeApplier>();

    [Fact]
    public async Task AStormOf50Deletes_Applies30AndHolds20_ThenApproveAppliesThemAndAudits()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 60, departments: 3);
        await scenario.RunAsync();
        var (accounts, outcomes) = await StormAsync(scenario, 50);

        Assert.Equal(30, outcomes.Count(o => o == ContactChangeOutcome.Applied));
        Assert.Equal(20, outcomes.Count(o => o == ContactChangeOutcome.Held));
        Assert.Equal(30, await CountDeletedAsync(scenario, accounts));
        var held = await HeldAsync(scenario);
        Assert.Equal(20, held.Count);
        Assert.All(held, change => Assert.Equal(HeldChangeKind.AccountDelete, change.Kind));
        Assert.Equal(
            accounts.Where((_, i) => outcomes[i] == ContactChangeOutcome.Held).Order(StringComparer.Ordinal),
            held.Select(change => change.TargetId).Order(StringComparer.Ordinal));

        var first = await Budget(scenario).Approve([held[0].Id, "h_missing"], all: false, SyncScenario.Actor);
        Assert.Equal(1, first.Applied);
        Assert.Equal<string>(["h_missing"], first.NotFound);
        Assert.Equal(31, await CountDeletedAsync(scenario, accounts));
        var rest = await Budget(scenario).Approve([], all: true, SyncScenario.Actor);

        Assert.Equal(19, rest.Applied);
        Assert.Equal(50, await CountDeletedAsync(scenario, accounts));
        Assert.Empty(await HeldAsync(scenario));
        var audit = (await scenario.Grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(scenario.TenantId)).ReadBackward(0, 100)).Entries;
        Assert.Equal(20, audit.Count(entry => entry.Action == "sync.held.approve" && entry.Actor == SyncScenario.Actor));
        var next = await scenario.RunAsync();
        Assert.DoesNotContain(await scenario.PlanAsync(next.RunId), step => step.Action == "account.delete");
    }

    [Fact]
    public async Task HeldDeletes_WhenDiscarded_DeleteNothing_AndTheBudgetIsTheConnectorsSetting()
    {
        var scenario = await SyncScenario.CreateAsync(
            fixture,
            members: 20,
            departments: 3,
            thresholds: new ProtectionThresholds(30, 10) { IncrementalMaxAccountDeletes = 4, IncrementalWindow = TimeSpan.FromMinutes(5) });
        await scenario.RunAsync();
        var (accounts, outcomes) = await StormAsync(scenario, 10);

        Assert.Equal(4, outcomes.Count(o => o == ContactChangeOutcome.Applied));
        Assert.Equal(6, outcomes.Count(o => o == ContactChangeOutcome.Held));
        var held = await HeldAsync(scenario);
        var one = await Budget(scenario).Discard([held[0].Id], all: false, SyncScenario.Actor);
        var rest = await Budget(scenario).Discard([], all: true, SyncScenario.Actor);

        Assert.Equal(1, one.Applied);
        Assert.Equal(5, rest.Applied);
        Assert.Empty(await HeldAsync(scenario));
        Assert.Equal(4, await CountDeletedAsync(scenario, accounts));
        var audit = (await scenario.Grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(scenario.TenantId)).ReadBackward(0, 100)).Entries;
        Assert.Equal(2, audit.Count(entry => entry.Action == "sync.held.discard"));
    }

    [Fact]
    public async Task List_PagesThroughHeldChangesOldestFirst()
    {
        var scenario = await SyncScenario.CreateAsync(
            fixture, members: 12, departments: 3, thresholds: new ProtectionThresholds(30, 10) { IncrementalMaxAccountDeletes = 0 });
        await scenario.RunAsync();
        await StormAsync(scenario, 7);

        var pages = new List<HeldChangePage>();
        string? token = null;
        do
        {
            var page = await Budget(scenario).List(token, 3);
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Length));
        Assert.All(pages, page => Assert.Equal(7, page.Total));
        var ids = pages.SelectMany(p => p.Items).Select(c => c.Id).ToList();
        Assert.Equal(7, ids.Distinct().Count());
        Assert.Equal(ids.OrderBy(id => int.Parse(id[2..], System.Globalization.CultureInfo.InvariantCulture)), ids);
        await Assert.ThrowsAsync<GridException>(() => Budget(scenario).List("not-a-token", 3));
    }

    private static IHeldChangesGrain Budget(SyncScenario scenario) =>
        scenario.Grains.GetGrain<IHeldChangesGrain>(GridKeys.Connector(scenario.TenantId, SyncScenario.ConnectorId));

    private async Task<(List<string> Accounts, List<ContactChangeOutcome> Outcomes)> StormAsync(SyncScenario scenario, int count)
    {
        var accounts = new List<string>();
        var outcomes = new List<ContactChangeOutcome>();
        foreach (var member in scenario.Company.Members.Take(count).ToList())
        {
            accounts.Add((await scenario.AccountOfAsync(member.UserId))!.AccountId);
            scenario.Company.DeleteMember(member.UserId);
            outcomes.Add(await Applier.ApplyAsync(
                scenario.TenantId,
                SyncScenario.ConnectorId,
                "evt-storm-" + member.UserId,
                new MemberDeleted(scenario.Company.CorpId, DateTimeOffset.UtcNow, member.UserId),
                CancellationToken.None));
        }

        return (accounts, outcomes);
    }

    private static async Task<int> CountDeletedAsync(SyncScenario scenario, List<string> accounts)
    {
        var deleted = 0;
        foreach (var accountId in accounts)
        {
            deleted += (await scenario.Account(accountId).Get())!.Status == AccountStatus.Deleted ? 1 : 0;
        }

        return deleted;
    }

    private static async Task<List<HeldChange>> HeldAsync(SyncScenario scenario) =>
        [.. (await Budget(scenario).List(null, 1000)).Items];
}
