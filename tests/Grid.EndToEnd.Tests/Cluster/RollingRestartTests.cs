using System.Diagnostics;
using Grid.Abstractions;
using Grid.Abstractions.Events;
using Grid.Abstractions.Sync;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;
using Xunit.Abstractions;

namespace Grid.EndToEnd.Tests.Cluster;

/// <summary>
/// A rolling restart of a three-silo cluster under a steady stream of encrypted change callbacks
/// (<see cref="CallbackStream"/>): every silo is stopped gracefully (SIGTERM) in turn, a replacement is started and
/// joins, while callbacks keep arriving at whichever silos run. Every event answered 200 must be in the journal once and
/// end applied, and every member it created must have exactly one account with its latest name.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const int Members = 40;
    private const int Departments = 5;

    // Events acknowledged by the cluster before the first stop and after the last join: the stream runs throughout.
    private const int SteadyEvents = 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task RollingRestart_OfEverySiloUnderACallbackStream_LosesNoAcknowledgedEventAndDuplicatesNoAccount()
    {
        var clock = Stopwatch.StartNew();
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Seed = 4242, Members = Members, Departments = Departments });
        var company = simulator.Company;
        await using var cluster = await ThreeSiloCluster.StartAsync("rolling", simulator.BaseAddress);
        var tenantId = await ThreeSiloCluster.CreateTenantAsync(cluster.Grains, company, "rolling");
        var coordinator = cluster.Grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ThreeSiloCluster.ConnectorId));
        var first = await coordinator.Start(dryRun: false, "e2e");
        var synced = await SyncRunWatch.UntilAsync(coordinator, first.RunId, run => !run.IsActive, Deadline);
        Assert.Equal(SyncRunState.Succeeded, synced.State);
        var ready = clock.Elapsed;

        using var stream = new CallbackStream(cluster, company, tenantId, ThreeSiloCluster.ConnectorId);
        using var stop = new CancellationTokenSource();
        var streaming = stream.RunAsync(stop.Token);
        await AcknowledgedAsync(stream, SteadyEvents);
        var restarts = new List<string>();
        foreach (var silo in cluster.Running.ToArray())
        {
            var began = clock.Elapsed;
            await cluster.StopSiloAsync(silo);
            var left = clock.Elapsed;
            var replacement = await cluster.AddSiloAsync();
            restarts.Add($"{silo.Process.SiloPort} → {replacement.Process.SiloPort}: stopped and left in {(left - began).TotalSeconds:0.0} s, replacement joined in {(clock.Elapsed - left).TotalSeconds:0.0} s");
        }

        await AcknowledgedAsync(stream, stream.Acknowledged.Count + SteadyEvents);
        await stop.CancelAsync();
        await streaming;
        var streamed = clock.Elapsed;

        var acknowledged = stream.Acknowledged.ToList();
        var inbox = cluster.Grains.GetGrain<IWeComEventInboxGrain>(GridKeys.Connector(tenantId, ThreeSiloCluster.ConnectorId));
        var journal = await Eventually.MatchAsync(
            () => JournalAsync(inbox),
            events => acknowledged.All(e => events.Any(j => Is(j, e) && Done(j))),
            Deadline,
            $"the {acknowledged.Count} acknowledged events to be applied",
            events => string.Join(", ", acknowledged.Where(e => !events.Any(j => Is(j, e) && Done(j)))
                .Take(10).Select(e => $"{e.ChangeType} {e.UserId}: {events.FirstOrDefault(j => Is(j, e))?.Status.ToString() ?? "not in the journal"}")));
        var applied = clock.Elapsed;
        var directory = await DirectorySnapshot.ReadAsync(cluster.Grains, tenantId);

        Assert.All(acknowledged, e => Assert.Single(journal, j => Is(j, e)));
        Assert.Empty(directory.Defects);
        Assert.Equal(Members + stream.Names.Count, directory.Accounts.Count);
        Assert.All(stream.Names, member =>
        {
            var account = directory.Accounts.GetValueOrDefault($"wecom:{company.CorpId}:{member.Key}");
            Assert.NotNull(account);
            Assert.Contains($"| name={member.Value} |", account, StringComparison.Ordinal);
        });

        var lag = journal.Where(j => j.FinishedAt is not null).Select(j => (j.FinishedAt!.Value - j.ReceivedAt).TotalSeconds).DefaultIfEmpty().Max();
        output.WriteLine($"cluster up and first sync   {ready.TotalSeconds,6:0.0} s");
        restarts.ForEach(output.WriteLine);
        output.WriteLine($"stream                      {(streamed - ready).TotalSeconds,6:0.0} s: {acknowledged.Count} events acknowledged; tries refused or unanswered: {Describe(stream.Refusals)}");
        output.WriteLine("outcomes                    " + string.Join(", ", journal.GroupBy(j => j.Status).Select(g => $"{g.Key} {g.Count()}")));
        output.WriteLine($"last applied after stream   {(applied - streamed).TotalSeconds,6:0.0} s; longest receipt-to-applied {lag:0.0} s");
        output.WriteLine($"total                       {clock.Elapsed.TotalSeconds,6:0.0} s");
    }

    // Ignored is the inbox's word for an event whose change a fresher user/get had already applied (the member's
    // create and rename share a lane, and one fetch observes both); the directory check below shows the effect.
    private static bool Done(WeComEvent journaled) => journaled.Status is WeComEventStatus.Applied or WeComEventStatus.Ignored;

    private static bool Is(WeComEvent journaled, StreamedEvent streamed) =>
        journaled.ChangeType == streamed.ChangeType && string.Equals(journaled.UserId, streamed.UserId, StringComparison.Ordinal);

    private static Task<IReadOnlyCollection<StreamedEvent>> AcknowledgedAsync(CallbackStream stream, int count) => Eventually.MatchAsync(
        () => Task.FromResult(stream.Acknowledged),
        events => events.Count >= count,
        Deadline,
        $"{count} events acknowledged",
        events => $"{events.Count} acknowledged; refused: {Describe(stream.Refusals)}");

    private static string Describe(IReadOnlyDictionary<string, int> refusals) =>
        refusals.Count == 0 ? "none" : string.Join(", ", refusals.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));

    private static async Task<List<WeComEvent>> JournalAsync(IWeComEventInboxGrain inbox)
    {
        var events = new List<WeComEvent>();
        long before = 0;
        do
        {
            var page = await inbox.List(null, before, 500);
            events.AddRange(page.Events);
            before = page.Before;
        }
        while (before > 0);
        return events;
    }
}
