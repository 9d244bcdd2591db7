using Grid.Abstractions.Events;
using Grid.Grains.Events;
using Grid.Host.Callbacks;
using Grid.Host.Tests.Infrastructure;
using Grid.Testing;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Grid.Host.Tests.Callbacks;

/// <summary>
/// The cluster profile's journal on the test PostgreSQL: a decision on a held delete finds every held event of its
/// member (by either userid, any case) or department and no other, records who and when, and the event reads back so;
/// a second recording of the same decision changes nothing; an outcome recorded with a decision keeps who decided;
/// decided events are purged like other finished ones.
/// </summary>
public sealed class PostgresEventJournalTests
{
    private const string Tenant = "journal";
    private const string Connector = "main";

    [Fact]
    public async Task DecideHeld_RecordsTheDecisionOnTheHeldEventsOfItsMemberOrDepartment_Only()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionString);
        await using var journal = new PostgresEventJournal(
            dataSource, Options.Create(new ClusterOptions { ServiceId = TestPostgresServer.NewServiceId("journal"), ClusterId = "journal" }));
        var now = DateTimeOffset.UtcNow;
        var heldDelete = await AppendAsync(journal, "1", WeComEventChanges.DeleteUser, "Alice", null, null, WeComEventStatus.Held);
        var heldRename = await AppendAsync(journal, "2", WeComEventChanges.UpdateUser, "zed", "alice", null, WeComEventStatus.Held);
        var applied = await AppendAsync(journal, "3", WeComEventChanges.UpdateUser, "alice", null, null, WeComEventStatus.Applied);
        var otherMember = await AppendAsync(journal, "4", WeComEventChanges.DeleteUser, "bob", null, null, WeComEventStatus.Held);
        var heldDepartment = await AppendAsync(journal, "5", WeComEventChanges.DeleteParty, null, null, 7, WeComEventStatus.Held);
        var decision = new HeldEventDecision("alice", null, WeComEventStatus.Approved, "gc_admin", now);

        var decided = await journal.DecideHeldAsync(Tenant, Connector, decision, CancellationToken.None);
        var again = await journal.DecideHeldAsync(Tenant, Connector, decision with { Status = WeComEventStatus.Discarded }, CancellationToken.None);
        var department = await journal.DecideHeldAsync(
            Tenant, Connector, new HeldEventDecision(null, 7, WeComEventStatus.Discarded, "gc_other", now), CancellationToken.None);
        async Task<WeComEvent> Read(long id) => (await journal.GetAsync(Tenant, Connector, id, CancellationToken.None))!;

        Assert.Equal(2, decided);
        Assert.Equal(0, again);
        Assert.Equal(1, department);
        foreach (var id in new[] { heldDelete, heldRename })
        {
            var e = await Read(id);
            Assert.Equal(WeComEventStatus.Approved, e.Status);
            Assert.Equal("gc_admin", e.DecidedBy);
            Assert.Equal(now.ToUnixTimeMilliseconds(), e.FinishedAt!.Value.ToUnixTimeMilliseconds());
        }

        Assert.Equal((WeComEventStatus.Applied, (string?)null), ((await Read(applied)).Status, (await Read(applied)).DecidedBy));
        Assert.Equal(WeComEventStatus.Held, (await Read(otherMember)).Status);
        Assert.Equal((WeComEventStatus.Discarded, "gc_other"), ((await Read(heldDepartment)).Status, (await Read(heldDepartment)).DecidedBy));
        Assert.Single((await journal.ListAsync(Tenant, Connector, WeComEventStatus.Discarded, 0, 10, CancellationToken.None)).Events);

        await journal.RecordAsync(new WeComEventOutcome(otherMember, WeComEventStatus.Approved, 1, null, null, now, "gc_third"), CancellationToken.None);
        Assert.Equal((WeComEventStatus.Approved, "gc_third"), ((await Read(otherMember)).Status, (await Read(otherMember)).DecidedBy));
        Assert.Equal(5, await journal.PurgeAsync(now.AddSeconds(1), CancellationToken.None));
    }

    private static async Task<long> AppendAsync(
        PostgresEventJournal journal, string key, string changeType, string? userId, string? newUserId, long? departmentId, WeComEventStatus status)
    {
        var received = DateTimeOffset.UtcNow.AddMinutes(-1);
        var stored = (await journal.AppendAsync(
            new NewWeComEvent(Tenant, Connector, key, changeType, userId, newUserId, departmentId, null, "ww0123", received, received,
                WeComEventStatus.Durable),
            CancellationToken.None)).Event;
        await journal.RecordAsync(new WeComEventOutcome(stored.Id, status, 1, null, null, received), CancellationToken.None);
        return stored.Id;
    }
}
