using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Events;
using Grid.Abstractions.Tenants;
using Grid.Grains.Events;
using Grid.Grains.Tests.Infrastructure;
using Grid.Testing;

namespace Grid.Grains.Tests.Events;

[Collection(InboxCollection.Name)]
public sealed class WeComEventInboxGrainTests(InboxClusterFixture fixture)
{
    private const string Connector = "main";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EventsOfOneMember_ApplyInJournalOrder_WhileOtherMembersDoNotWait()
    {
        var tenantId = await TestIds.NewTenantAsync(fixture.Client);
        fixture.Applier.Block(tenantId, "alice");
        var first = await AppendAsync(tenantId, "update_user", "alice");
        var second = await AppendAsync(tenantId, "delete_user", "alice");
        var other = await AppendAsync(tenantId, "create_user", "bob");

        await Inbox(tenantId).Notify([first, second, other]);
        await Eventually.MatchAsync(() => Task.FromResult(fixture.Applier.Applied(tenantId)), a => a.Contains(Id(other)), Bound,
            "bob's event to apply while alice's first is blocked", a => string.Join(",", a));
        var startedWhileBlocked = fixture.Applier.Started(tenantId);
        fixture.Applier.Release(tenantId, "alice");
        var statuses = await Eventually.MatchAsync(() => StatusesAsync(tenantId), s => s.All(e => !e.IsUnfinished), Bound,
            "every event to finish", s => string.Join(",", s.Select(e => e.Status)));

        Assert.DoesNotContain(startedWhileBlocked, call => call.EventId == Id(second));
        Assert.Equal([Id(first), Id(second)], fixture.Applier.Started(tenantId).Where(c => c.UserId == "alice").Select(c => c.EventId));
        Assert.Equal(
            [WeComEventStatus.Applied, WeComEventStatus.Held, WeComEventStatus.Applied],
            statuses.OrderBy(e => e.Id).Select(e => e.Status));
    }

    [Fact]
    public async Task UpdatesOfOneMember_QueuedBehindItsRunningEvent_AreAppliedByOneFetch_UpToItsNextDelete()
    {
        var tenantId = await TestIds.NewTenantAsync(fixture.Client);
        fixture.Applier.Block(tenantId, "dave");
        var running = await AppendAsync(tenantId, "update_user", "dave");
        await Inbox(tenantId).Notify([running]);
        await Eventually.MatchAsync(() => Task.FromResult(fixture.Applier.Started(tenantId)), s => s.Count == 1, Bound,
            "dave's first event to start", s => s.Count.ToString(CultureInfo.InvariantCulture));
        var queued = new List<WeComEvent>
        {
            await AppendAsync(tenantId, "update_user", "dave"),
            await AppendAsync(tenantId, "create_user", "dave"),
            await AppendAsync(tenantId, "update_user", "dave"),
        };
        var delete = await AppendAsync(tenantId, "delete_user", "dave");
        var after = await AppendAsync(tenantId, "update_user", "dave");

        // Resume takes them from the journal and answers once they are in line (Notify is one-way).
        await Inbox(tenantId).Resume();
        fixture.Applier.Release(tenantId, "dave");
        var statuses = await Eventually.MatchAsync(() => StatusesAsync(tenantId), s => s.All(e => !e.IsUnfinished), Bound,
            "every event to finish", s => string.Join(",", s.Select(e => e.Status)));

        Assert.Equal(
            [Id(running), Id(queued[0]), Id(delete), Id(after)],
            fixture.Applier.Started(tenantId).Select(c => c.EventId));
        Assert.Equal(
            [WeComEventStatus.Applied, WeComEventStatus.Applied, WeComEventStatus.Applied, WeComEventStatus.Applied, WeComEventStatus.Held, WeComEventStatus.Applied],
            statuses.OrderBy(e => e.Id).Select(e => e.Status));
        Assert.All(statuses, e => Assert.Equal(1, e.Attempts));
    }

    [Fact]
    public async Task UpdatesQueuedBehindAFailingEvent_WaitForIt_AndAreNotCountedAsAttempted()
    {
        var tenantId = await TestIds.NewTenantAsync(fixture.Client);
        fixture.Applier.Fail(tenantId, "faye", times: 2);
        var failing = await AppendAsync(tenantId, "update_user", "faye");
        await Inbox(tenantId).Notify([failing]);
        await Eventually.MatchAsync(() => GetAsync(tenantId, failing), e => e.Status == WeComEventStatus.Failed, Bound,
            "the first attempt to fail", e => e.Status.ToString());
        var queued = await AppendAsync(tenantId, "update_user", "faye");
        await Inbox(tenantId).Resume();

        fixture.Time.Advance(TimeSpan.FromSeconds(10));
        var second = await Eventually.MatchAsync(() => GetAsync(tenantId, failing), e => e.Attempts == 2, Bound,
            "the second attempt, with the queued update riding on it", e => e.Attempts.ToString(CultureInfo.InvariantCulture));
        var queuedAfterSecond = await GetAsync(tenantId, queued);
        fixture.Time.Advance(TimeSpan.FromSeconds(20));
        var statuses = await Eventually.MatchAsync(() => StatusesAsync(tenantId), s => s.All(e => !e.IsUnfinished), Bound,
            "both events to finish", s => string.Join(",", s.Select(e => $"{e.Status}/{e.Attempts}")));

        Assert.Equal(WeComEventStatus.Failed, second.Status);
        Assert.Equal(WeComEventStatus.Durable, queuedAfterSecond.Status);
        Assert.Equal(0, queuedAfterSecond.Attempts);
        Assert.Equal([(WeComEventStatus.Applied, 3), (WeComEventStatus.Applied, 1)], statuses.OrderBy(e => e.Id).Select(e => (e.Status, e.Attempts)));
        Assert.Equal([Id(failing), Id(failing), Id(failing)], fixture.Applier.Started(tenantId).Select(c => c.EventId));
    }

    [Fact]
    public async Task AFailingEvent_IsRetriedWithBackoff_ThenParked_AndBlocksLaterChangesOfItsMemberUntilThen()
    {
        var tenantId = await TestIds.NewTenantAsync(fixture.Client);
        fixture.Applier.Fail(tenantId, "carol", times: 3);
        var failing = await AppendAsync(tenantId, "update_user", "carol");
        var later = await AppendAsync(tenantId, "update_user", "carol");

        await Inbox(tenantId).Notify([failing, later]);
        var failed = await Eventually.MatchAsync(() => GetAsync(tenantId, failing), e => e.Status == WeComEventStatus.Failed, Bound,
            "the first attempt to fail", e => e.Status.ToString());
        var laterWhileFailing = await GetAsync(tenantId, later);
        fixture.Time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.MatchAsync(() => GetAsync(tenantId, failing), e => e.Attempts == 2, Bound, "the second attempt", e => e.Attempts.ToString(CultureInfo.InvariantCulture));
        fixture.Time.Advance(TimeSpan.FromSeconds(20));
        var parked = await Eventually.MatchAsync(() => GetAsync(tenantId, failing), e => e.Status == WeComEventStatus.Parked, Bound,
            "the event to be parked after 3 attempts", e => $"{e.Status} after {e.Attempts}");
        var laterApplied = await Eventually.MatchAsync(() => GetAsync(tenantId, later), e => e.Status == WeComEventStatus.Applied, Bound,
            "the later change to apply once the failing one is parked", e => e.Status.ToString());

        Assert.Equal(1, failed.Attempts);
        Assert.Equal(fixture.Time.GetUtcNow() - TimeSpan.FromSeconds(30) + TimeSpan.FromSeconds(10), failed.NextAttemptAt);
        Assert.Contains("WeCom is unreachable (scripted)", failed.Error, StringComparison.Ordinal);
        Assert.Equal(WeComEventStatus.Durable, laterWhileFailing.Status);
        Assert.Equal(3, parked.Attempts);
        Assert.Equal(WeComEventStatus.Applied, laterApplied.Status);
    }

    [Fact]
    public async Task Retry_PutsAParkedEventBackInLine_AndAuditsIt_ButRefusesOthers()
    {
        var tenantId = await TestIds.NewTenantAsync(fixture.Client);
        fixture.Applier.Fail(tenantId, "dave", times: 3);
        var e = await AppendAsync(tenantId, "update_user", "dave");
        await Inbox(tenantId).Notify([e]);
        for (var attempt = 1; attempt < 3; attempt++)
        {
            var n = attempt;
            await Eventually.MatchAsync(() => GetAsync(tenantId, e), x => x.Attempts == n, Bound, $"attempt {n}", x => x.Attempts.ToString(CultureInfo.InvariantCulture));
            fixture.Time.Advance(TimeSpan.FromSeconds(20));
        }

        await Eventually.MatchAsync(() => GetAsync(tenantId, e), x => x.Status == WeComEventStatus.Parked, Bound, "parked", x => x.Status.ToString());

        var retried = await Inbox(tenantId).Retry(e.Id, "admin-1");
        var applied = await Eventually.MatchAsync(() => GetAsync(tenantId, e), x => x.Status == WeComEventStatus.Applied, Bound,
            "the retried event to apply", x => x.Status.ToString());
        var again = await Assert.ThrowsAsync<GridException>(() => Inbox(tenantId).Retry(e.Id, "admin-1"));
        var unknown = await Assert.ThrowsAsync<GridException>(() => Inbox(tenantId).Retry(987_654_321, "admin-1"));
        var audit = await fixture.Client.GetGrain<IAuditLogGrain>(GridKeys.Tenant(tenantId)).ReadBackward(0, 10);

        Assert.Equal(WeComEventStatus.Durable, retried.Status);
        Assert.Equal(0, retried.Attempts);
        Assert.Equal(1, applied.Attempts);
        Assert.Equal(GridErrorKind.FailedPrecondition, again.Kind);
        Assert.Equal(GridErrorKind.NotFound, unknown.Kind);
        Assert.Contains(audit.Entries, entry => entry.Action == "wecom.event.retry" && entry.Actor == "admin-1"
            && entry.Target == $"connector/{Connector}/event/{e.Id}");
    }

    [Fact]
    public async Task AnInbox_NeverToldOfItsEvents_FindsThemInTheJournal_WhenWoken()
    {
        var tenantId = await TestIds.NewTenantAsync(fixture.Client);
        var events = new List<WeComEvent>();
        for (var i = 0; i < 5; i++)
        {
            events.Add(await AppendAsync(tenantId, "create_user", "erin" + i.ToString(CultureInfo.InvariantCulture)));
        }

        // As the per-silo sweep does after a restart: the journal says the connector has unfinished events.
        var connectors = await fixture.Journal.ListConnectorsWithUnfinishedAsync(CancellationToken.None);
        await Inbox(tenantId).Resume();
        var statuses = await Eventually.MatchAsync(() => StatusesAsync(tenantId), s => s.All(e => e.Status == WeComEventStatus.Applied), Bound,
            "every journaled event to apply", s => string.Join(",", s.Select(e => e.Status)));

        Assert.Contains((tenantId, Connector), connectors);
        Assert.Equal(5, statuses.Count);
    }

    [Fact]
    public async Task ADecisionOnAHeldDelete_EndsItsHeldEvents_AndTheOneStillBeingApplied_ButNotALaterOne()
    {
        var tenantId = await TestIds.NewTenantAsync(fixture.Client);
        var earlier = await AppendAsync(tenantId, "delete_user", "gina");
        await Inbox(tenantId).Notify([earlier]);
        await Eventually.MatchAsync(() => GetAsync(tenantId, earlier), e => e.Status == WeComEventStatus.Held, Bound, "held", e => e.Status.ToString());
        fixture.Applier.Block(tenantId, "gina");
        var running = await AppendAsync(tenantId, "delete_user", "gina");
        await Inbox(tenantId).Notify([running]);
        await Eventually.MatchAsync(() => Task.FromResult(fixture.Applier.Started(tenantId)), s => s.Count == 2, Bound,
            "the second delete to start", s => s.Count.ToString(CultureInfo.InvariantCulture));

        // The administrator decides while the second delete is held but not recorded yet (its applier has not returned).
        var decidedAt = fixture.Time.GetUtcNow();
        await Inbox(tenantId).Decide([new HeldEventDecision("GINA", null, WeComEventStatus.Discarded, "admin-2", decidedAt)]);
        fixture.Applier.Release(tenantId, "gina");
        var second = await Eventually.MatchAsync(() => GetAsync(tenantId, running), e => !e.IsUnfinished, Bound, "finished", e => e.Status.ToString());
        var later = await AppendAsync(tenantId, "delete_user", "gina");
        await Inbox(tenantId).Notify([later]);
        var third = await Eventually.MatchAsync(() => GetAsync(tenantId, later), e => !e.IsUnfinished, Bound, "finished", e => e.Status.ToString());
        var first = await GetAsync(tenantId, earlier);

        Assert.All([first, second], e =>
        {
            Assert.Equal(WeComEventStatus.Discarded, e.Status);
            Assert.Equal("admin-2", e.DecidedBy);
            Assert.Equal(decidedAt, e.FinishedAt);
        });
        Assert.Equal(WeComEventStatus.Held, third.Status);
        Assert.Null(third.DecidedBy);
    }

    private IWeComEventInboxGrain Inbox(string tenantId) =>
        fixture.Client.GetGrain<IWeComEventInboxGrain>(GridKeys.Connector(tenantId, Connector));

    private async Task<WeComEvent> AppendAsync(string tenantId, string changeType, string userId)
    {
        var appended = await fixture.Journal.AppendAsync(
            new NewWeComEvent(tenantId, Connector, Guid.NewGuid().ToString("N"), changeType, userId, null, null, null, "wwcorp",
                fixture.Time.GetUtcNow(), fixture.Time.GetUtcNow(), WeComEventStatus.Durable),
            CancellationToken.None);
        return appended.Event;
    }

    private async Task<WeComEvent> GetAsync(string tenantId, WeComEvent e) =>
        (await fixture.Journal.GetAsync(tenantId, Connector, e.Id, CancellationToken.None))!;

    private async Task<List<WeComEvent>> StatusesAsync(string tenantId) =>
        [.. (await fixture.Journal.ListAsync(tenantId, Connector, null, 0, 100, CancellationToken.None)).Events];

    private static string Id(WeComEvent e) => e.Id.ToString(CultureInfo.InvariantCulture);
}
