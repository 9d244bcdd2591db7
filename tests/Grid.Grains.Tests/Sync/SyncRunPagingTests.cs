using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Sync;
using Grid.Grains.Sync;
using Grid.Sync.Planning;

namespace Grid.Grains.Tests.Sync;

/// <summary>Run history and paging are pure: no silo.</summary>
public sealed class SyncRunPagingTests
{
    [Fact]
    public void Trim_RemovesTheOldestEndedRuns_AndKeepsActiveAndProtectedOnes()
    {
        var runs = new List<SyncRunRecord>
        {
            Run("1", SyncRunState.Protected), Run("2", SyncRunState.Succeeded), Run("3", SyncRunState.Applying),
            Run("4", SyncRunState.Failed), Run("5", SyncRunState.Succeeded),
        };

        var evicted = SyncRunPaging.Trim(runs, keep: 3);

        Assert.Equal(["2", "4"], evicted.Select(run => run.RunId));
        Assert.Equal(["1", "3", "5"], runs.Select(run => run.RunId));
    }

    [Fact]
    public void ListRuns_PagesNewestFirst_AndRefusesATokenItDidNotIssue()
    {
        var runs = Enumerable.Range(1, 5).Select(n => Run($"{n}", SyncRunState.Succeeded)).ToList();

        var first = SyncRunPaging.ListRuns(Connector, runs, null, 2, View);
        var second = SyncRunPaging.ListRuns(Connector, runs, first.NextPageToken, 2, View);
        var last = SyncRunPaging.ListRuns(Connector, runs, second.NextPageToken, 2, View);

        Assert.Equal(["5", "4", "3", "2", "1"], first.Runs.Concat(second.Runs).Concat(last.Runs).Select(run => run.RunId));
        Assert.Equal("", last.NextPageToken);
        var error = Assert.Throws<GridException>(() => SyncRunPaging.ListRuns(Connector, runs, "not-a-token", 2, View));
        Assert.Equal(("page_token", GridErrorKind.InvalidArgument), (error.Field, error.Kind));
        var otherConnector = Assert.Throws<GridException>(() => SyncRunPaging.ListRuns("tenant-1/other", runs, first.NextPageToken, 2, View));
        Assert.Equal(("page_token", GridErrorKind.InvalidArgument), (otherConnector.Field, otherConnector.Kind));
    }

    [Fact]
    public void PlanPage_ReadsOnlyTheChunksOfThePage_AndItsTokenBelongsToItsRun()
    {
        var run = Run("a", SyncRunState.Canceled);
        run.ChunkSizes = [3, 3, 3];
        run.PlanStepCount = 9;

        var chunks = SyncRunPaging.ChunksFrom(run.ChunkSizes, offset: 4, size: 3).ToList();
        var page = SyncRunPaging.PlanPage(Connector, run, 4, 3, chunks.SelectMany(chunk => Steps(chunk * 3, 3)));
        var other = Run("b", SyncRunState.Succeeded);
        other.PlanStepCount = 9;

        Assert.Equal([1, 2], chunks);
        Assert.Equal([4L, 5L, 6L], page.Steps.Select(step => step.Index));
        Assert.All(page.Steps, step => Assert.Equal(SyncStepOutcome.Skipped, step.Outcome));
        Assert.Equal(7, SyncRunPaging.PlanOffset(Connector, run, page.NextPageToken));
        Assert.Equal("plan_page_token", Assert.Throws<GridException>(() => SyncRunPaging.PlanOffset(Connector, other, page.NextPageToken)).Field);
        Assert.Equal("plan_page_token", Assert.Throws<GridException>(() => SyncRunPaging.PlanOffset("tenant-2/wecom", run, page.NextPageToken)).Field);
        Assert.Equal((100, 1000), (SyncRunPaging.PlanPageSize(0), SyncRunPaging.PlanPageSize(5000)));
    }

    [Fact]
    public void DescribeIssues_ShowsTheFirstFiveAndCountsTheRest()
    {
        var issues = Enumerable.Range(1, 7).Select(n => new PlanIssue($"member u{n}", "no username")).ToImmutableArray();

        Assert.Equal(
            "7 left as they were: member u1: no username; member u2: no username; member u3: no username; "
            + "member u4: no username; member u5: no username (and 2 more)",
            SyncRunPaging.DescribeIssues(issues));
        Assert.Equal("", SyncRunPaging.DescribeIssues([]));
    }

    private const string Connector = "tenant-1/wecom";

    private static SyncRunRecord Run(string id, SyncRunState state) => new() { RunId = id, State = state };

    private static SyncRun View(SyncRunRecord run) => run.ToView("tenant-1", "wecom", null);

    private static IEnumerable<SyncStepRecord> Steps(long first, int count) =>
        Enumerable.Range(0, count).Select(i => new SyncStepRecord(
            new SyncRunStep(first + i, $"step-{first + i}", "account.create", "user:u", "acc_1", "", SyncStepOutcome.Pending, null),
            null,
            null));
}
