using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Sync;
using Grid.Sync.Planning;

namespace Grid.Grains.Sync;

/// <summary>
/// The pure parts of a connector's run history: which runs it keeps, its pages and their tokens, the chunks a page of
/// a plan reads, and how a run's steps and plan issues read. No grain calls, no clock.
/// </summary>
internal static class SyncRunPaging
{
    public const int DefaultPlanPageSize = 100;
    public const int MaxPlanPageSize = 1000;
    public const int DefaultRunPageSize = 20;
    public const int MaxRunPageSize = 200;
    private const int MaxIssuesInMessage = 5;

    /// <summary>
    /// Removes the oldest ended runs until at most <paramref name="keep"/> remain; active and Protected runs stay
    /// whatever their age. Returns the removed runs (their chunks are to be forgotten).
    /// </summary>
    public static List<SyncRunRecord> Trim(List<SyncRunRecord> runs, int keep)
    {
        var evicted = new List<SyncRunRecord>();
        for (var i = 0; runs.Count - evicted.Count > keep && i < runs.Count; i++)
        {
            if (!runs[i].IsActive && runs[i].State != SyncRunState.Protected)
            {
                evicted.Add(runs[i]);
            }
        }

        runs.RemoveAll(evicted.Contains);
        return evicted;
    }

    /// <summary>A page of <paramref name="runs"/> (oldest first, as kept), newest first.</summary>
    public static SyncRunPage ListRuns(string connectorKey, IReadOnlyList<SyncRunRecord> runs, string? pageToken, int pageSize, Func<SyncRunRecord, SyncRun> view)
    {
        var size = pageSize <= 0 ? DefaultRunPageSize : Math.Min(pageSize, MaxRunPageSize);
        var offset = (int)PageTokens.DecodeOffset(pageToken, PageTokens.SyncRuns(connectorKey));
        var newestFirst = runs.Reverse().ToList();
        var page = newestFirst.Skip(offset).Take(size).Select(view).ToImmutableArray();
        var next = offset + page.Length < newestFirst.Count ? PageTokens.Encode(PageTokens.SyncRuns(connectorKey), offset + page.Length) : string.Empty;
        return new SyncRunPage(page, next);
    }

    /// <summary>The steps per plan page a caller asked for, within bounds.</summary>
    public static int PlanPageSize(int pageSize) => pageSize <= 0 ? DefaultPlanPageSize : Math.Min(pageSize, MaxPlanPageSize);

    /// <summary>The plan index a page token of <paramref name="run"/> starts at (0 without a token).</summary>
    public static long PlanOffset(string connectorKey, SyncRunRecord run, string? pageToken)
    {
        var offset = PageTokens.DecodeOffset(pageToken, PageTokens.Plan(connectorKey, run.RunId), "plan_page_token");
        if (offset > run.PlanStepCount)
        {
            throw GridException.Invalid("plan_page_token", "is past the end of this run's plan");
        }

        return offset;
    }

    /// <summary>The chunks that hold the steps from <paramref name="offset"/> on, in order, until <paramref name="size"/> are found.</summary>
    public static IEnumerable<int> ChunksFrom(IReadOnlyList<int> chunkSizes, long offset, int size)
    {
        long chunkStart = 0;
        for (var chunk = 0; chunk < chunkSizes.Count && chunkStart < offset + size; chunk++)
        {
            var chunkEnd = chunkStart + chunkSizes[chunk];
            if (chunkEnd > offset)
            {
                yield return chunk;
            }

            chunkStart = chunkEnd;
        }
    }

    /// <summary>The page of <paramref name="run"/>'s plan from the steps of the chunks <see cref="ChunksFrom"/> named.</summary>
    public static SyncRunStepPage PlanPage(string connectorKey, SyncRunRecord run, long offset, int size, IEnumerable<SyncStepRecord> records)
    {
        var steps = records
            .Where(record => record.View.Index >= offset)
            .Take(size)
            .Select(record => ShownStep(run, record.View))
            .ToImmutableArray();
        var next = offset + steps.Length;
        var token = next < run.PlanStepCount ? PageTokens.Encode(PageTokens.Plan(connectorKey, run.RunId), next) : string.Empty;
        return new SyncRunStepPage(steps, token, run.PlanStepCount);
    }

    /// <summary>A step of a run that stopped before reaching it was skipped, not merely pending.</summary>
    public static SyncRunStep ShownStep(SyncRunRecord run, SyncRunStep step) =>
        step.Outcome == SyncStepOutcome.Pending && run.State is SyncRunState.Canceled or SyncRunState.Failed
            ? step with { Outcome = SyncStepOutcome.Skipped }
            : step;

    /// <summary>The run message for what the planner left as it was: the first few issues and how many more.</summary>
    public static string DescribeIssues(ImmutableArray<PlanIssue> issues)
    {
        if (issues.IsDefaultOrEmpty)
        {
            return string.Empty;
        }

        var shown = string.Join("; ", issues.Take(MaxIssuesInMessage).Select(issue => $"{issue.Subject}: {issue.Message}"));
        var more = issues.Length > MaxIssuesInMessage
            ? string.Create(CultureInfo.InvariantCulture, $" (and {issues.Length - MaxIssuesInMessage} more)")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{issues.Length} left as they were: {shown}{more}");
    }
}
