using System.Diagnostics;
using System.Globalization;
using Grid.Abstractions.Sync;
using Xunit.Abstractions;

namespace Grid.Grains.Tests.Sync;

/// <summary>
/// Measures a full sync of a 100,000-member, 5,000-department company from the simulator over HTTP (quotas off) into
/// the grains, then a re-run with no change. Asserts completeness only; prints times and memory (run with
/// <c>--logger "console;verbosity=normal"</c> to see them). Select it with <c>--filter Category=Scale</c>.
/// </summary>
[Collection(ScaleCollection.Name)]
[Trait("Category", "Scale")]
public sealed class FullSyncScaleTests(ScaleClusterFixture fixture, ITestOutputHelper output)
{
    private const int Members = 100_000;
    private const int Departments = 5_000;

    [Fact]
    public async Task FullSync_Of100kMembersIn5kDepartments_CompletesAndAReRunChangesNothing()
    {
        var generating = Stopwatch.StartNew();
        var scenario = await SyncScenario.CreateAsync(fixture, Members, Departments);
        Print($"company generated and connector configured in {generating.Elapsed.TotalSeconds:0.0} s");
        var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        var (first, phases) = await MeasureAsync(scenario);
        process.Refresh();
        var peakAfterFirst = process.PeakWorkingSet64;
        var heapAfterFirst = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal(SyncRunState.Succeeded, first.State);
        Assert.Equal(Departments, first.DepartmentsFetched);
        Assert.Equal(Members, first.MembersFetched);
        Assert.Equal(Departments, first.Applied.OrganizationsCreated);
        Assert.Equal(Members, first.Applied.AccountsCreated);
        Assert.Equal(0, first.Applied.Failed);

        var (second, _) = await MeasureAsync(scenario);
        process.Refresh();

        Assert.Equal(SyncRunState.Succeeded, second.State);
        Assert.Equal(0, second.PlanStepCount);
        Assert.Equal(Members + Departments, second.Planned.Unchanged);

        Print($"first run   {Seconds(first)} s ({phases})");
        Print($"re-run      {Seconds(second)} s (no change: {second.PlanStepCount} steps)");
        Print($"managed heap before {Mib(heapBefore)} MiB, after the first run {Mib(heapAfterFirst)} MiB (after a full collection)");
        Print($"peak working set after the first run {Mib(peakAfterFirst)} MiB, after the re-run {Mib(process.PeakWorkingSet64)} MiB (test process: simulator, silo and client)");
    }

    // Runs a sync and notes when each phase began, as the progress stream shows it.
    private static async Task<(SyncRun Run, string Phases)> MeasureAsync(SyncScenario scenario)
    {
        var clock = Stopwatch.StartNew();
        var started = await scenario.Coordinator.Start(dryRun: false, SyncScenario.Actor);
        var phases = new List<(string Phase, TimeSpan At)>();
        var last = started;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        await foreach (var update in scenario.Coordinator.Watch(started.RunId, timeout.Token))
        {
            if (phases.Count == 0 || phases[^1].Phase != update.Progress.Phase)
            {
                phases.Add((update.Progress.Phase, clock.Elapsed));
            }

            last = update;
        }

        phases.Add(("end", clock.Elapsed));
        var described = string.Join(", ", phases.Zip(phases.Skip(1)).Where(p => p.First.Phase.Length > 0)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First.Phase} {(p.Second.At - p.First.At).TotalSeconds:0.0} s")));
        return (last, described);
    }

    private void Print(string line) => output.WriteLine(line);

    private static string Seconds(SyncRun run) =>
        (run.EndedAt!.Value - run.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture);
}
