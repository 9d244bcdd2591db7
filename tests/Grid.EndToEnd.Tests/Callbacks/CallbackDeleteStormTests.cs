using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using AccountStatus = Grid.Contracts.V1.AccountStatus;

namespace Grid.EndToEnd.Tests.Callbacks;

/// <summary>
/// A storm of deletes made in WeCom (the simulator) reaches the host as encrypted callbacks over HTTP: the deletes
/// past the connector's delete budget (by default 30 accounts per 10 minutes) are held, listed by
/// Admin.ListHeldChanges; approving applies them (visible in Directory and on the change stream), discarding deletes
/// nothing. Either way each held event ends approved or discarded in Admin.ListWeComEvents, with who decided and when,
/// and the decision is in the audit trail.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class CallbackDeleteStormTests(GridHostFixture host)
{
    private const int Storm = 50;
    private const int Budget = 30;

    [Fact]
    public async Task DeleteStorm_PastTheBudget_IsHeld_AndApproving_DeletesTheHeldAccounts()
    {
        var (scenario, doomed) = await StormAsync();
        var held = await HeldAsync(scenario, Storm - Budget);
        var heldUserIds = held.Select(h => h.WecomUserid).ToHashSet(StringComparer.Ordinal);
        var heldAccounts = held.Select(h => h.TargetId).ToList();
        var stillActive = await ActiveAsync(scenario, heldUserIds);
        var feedBefore = await scenario.FeedPositionAsync();

        var approved = await scenario.Admin.ApproveHeldChangesAsync(
            new ApproveHeldChangesRequest { TenantId = scenario.TenantId, ConnectorId = CallbackScenario.ConnectorId, All = true }, scenario.Auth);
        var streamed = await scenario.WatchUntilAsync(feedBefore, heldAccounts, change => change.Kinds.Contains(ChangeKind.Deleted));
        var remaining = await scenario.Admin.ListHeldChangesAsync(
            new ListHeldChangesRequest { TenantId = scenario.TenantId, ConnectorId = CallbackScenario.ConnectorId }, scenario.Auth);
        var activeAfter = await ActiveAsync(scenario, doomed);
        var audit = await AuditAsync(scenario);
        var events = await scenario.EventsAsync();

        Assert.All(held, h => Assert.Equal(HeldChangeKind.AccountDelete, h.Kind));
        Assert.Subset(doomed.ToHashSet(StringComparer.Ordinal), heldUserIds);
        Assert.Equal(heldUserIds.Count, stillActive.Count);
        Assert.Equal(Storm - Budget, approved.Applied);
        Assert.Empty(approved.NotFound);
        Assert.Equal(heldAccounts.Count, streamed.Count);
        Assert.Equal(0, remaining.Total);
        Assert.Empty(activeAfter);
        var approvals = audit.Where(a => a.Action == "sync.held.approve").ToList();
        Assert.Equal(Storm - Budget, approvals.Count);
        AssertDecided(events, heldUserIds, WeComEventStatus.Approved, approvals[0]);
    }

    [Fact]
    public async Task DeleteStorm_PastTheBudget_IsHeld_AndDiscarding_DeletesNothingMore()
    {
        var (scenario, doomed) = await StormAsync();
        var held = await HeldAsync(scenario, Storm - Budget);
        var heldUserIds = held.Select(h => h.WecomUserid).ToHashSet(StringComparer.Ordinal);

        var discarded = await scenario.Admin.DiscardHeldChangesAsync(
            new DiscardHeldChangesRequest { TenantId = scenario.TenantId, ConnectorId = CallbackScenario.ConnectorId, All = true }, scenario.Auth);
        var remaining = await scenario.Admin.ListHeldChangesAsync(
            new ListHeldChangesRequest { TenantId = scenario.TenantId, ConnectorId = CallbackScenario.ConnectorId }, scenario.Auth);
        var activeAfter = await ActiveAsync(scenario, doomed);
        var events = await scenario.EventsAsync();
        var audit = await AuditAsync(scenario);

        Assert.Equal(Storm - Budget, discarded.Discarded);
        Assert.Equal(0, remaining.Total);
        Assert.Equal(heldUserIds.Order(StringComparer.Ordinal), activeAfter.Order(StringComparer.Ordinal));
        AssertDecided(events, heldUserIds, WeComEventStatus.Discarded, Assert.Single(audit, a => a.Action == "sync.held.discard"));
    }

    // No event is left held: the delete events of the held members end in the decision's status, decided by the
    // audit entry's actor at about its time; the other deletes stay applied.
    private static void AssertDecided(List<WeComEvent> events, HashSet<string> heldUserIds, WeComEventStatus status, AuditEntry decision)
    {
        var deletes = events.Where(e => e.ChangeType == "delete_user").ToList();
        Assert.DoesNotContain(events, e => e.Status == WeComEventStatus.Held);
        var decided = deletes.Where(e => heldUserIds.Contains(e.Userid)).ToList();
        Assert.Equal(heldUserIds.Count, decided.Count);
        Assert.All(decided, e =>
        {
            Assert.Equal(status, e.Status);
            Assert.Equal(decision.Actor, e.DecidedBy);
            Assert.InRange(e.FinishedAt.ToDateTimeOffset(), decision.OccurredAt.ToDateTimeOffset().AddSeconds(-5), decision.OccurredAt.ToDateTimeOffset().AddSeconds(5));
        });
        Assert.All(deletes.Where(e => !heldUserIds.Contains(e.Userid)), e =>
        {
            Assert.Equal(WeComEventStatus.Applied, e.Status);
            Assert.Equal("", e.DecidedBy);
        });
    }

    // A synced company, then 50 of its members with active accounts deleted in WeCom: the first 30 deletes are
    // applied, the 20 after them held.
    private async Task<(CallbackScenario Scenario, List<string> Doomed)> StormAsync()
    {
        var scenario = await CallbackScenario.StartAsync(host, members: 80, departments: 3);
        var active = await ActiveAsync(scenario, scenario.Company.Members.Select(m => m.UserId));
        Assert.True(active.Count >= Storm, $"the generated company has {active.Count} active accounts, fewer than {Storm}");
        var doomed = active.Take(Storm).ToList();

        foreach (var userId in doomed)
        {
            scenario.Company.DeleteMember(userId);
        }

        await Eventually.MatchAsync(
            () => scenario.EventsAsync(),
            events => events.Count(e => e.ChangeType == "delete_user" && e.Status is WeComEventStatus.Applied or WeComEventStatus.Held) == Storm,
            CallbackScenario.Bound, $"the {Storm} delete events to be applied or held",
            events => string.Join(", ", events.GroupBy(e => e.Status).Select(g => $"{g.Key}: {g.Count()}")));
        return (scenario, doomed);
    }

    private static async Task<List<HeldChange>> HeldAsync(CallbackScenario scenario, int expected)
    {
        var page = await scenario.Admin.ListHeldChangesAsync(
            new ListHeldChangesRequest { TenantId = scenario.TenantId, ConnectorId = CallbackScenario.ConnectorId, PageSize = 1000 }, scenario.Auth);
        Assert.Equal(expected, page.Total);
        Assert.Equal(expected, page.HeldChanges.Count);
        return [.. page.HeldChanges];
    }

    private static async Task<List<AuditEntry>> AuditAsync(CallbackScenario scenario) =>
        [.. (await scenario.Admin.ListAuditEntriesAsync(
            new ListAuditEntriesRequest { TenantId = scenario.TenantId, ConnectorId = CallbackScenario.ConnectorId, PageSize = 500 }, scenario.Auth))
            .Entries];

    // The members among userIds whose accounts are active.
    private static async Task<List<string>> ActiveAsync(CallbackScenario scenario, IEnumerable<string> userIds)
    {
        var active = new List<string>();
        foreach (var userId in userIds)
        {
            if ((await scenario.LookupAsync(userId))?.Status == AccountStatus.Active)
            {
                active.Add(userId);
            }
        }

        return active;
    }
}
