using System.Globalization;
using Grid.Abstractions.Sync;
using Grid.Sync.Mapping;
using Grid.Sync.Planning;
using Grid.Sync.Sources;
using Grid.WeCom.Api;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Sync;

/// <summary>
/// The work of one run, without its lifecycle: fetch → plan → protect (<see cref="FetchAndPlanAsync"/>), then apply
/// chunk by chunk (<see cref="ApplyAsync"/>). It fills in the run's record; the coordinator decides the run's state and
/// persists it. Everything outside (WeCom, the roster, the plan's chunks, the member and department grains) is behind
/// small interfaces, so the pipeline runs without a silo.
/// </summary>
internal sealed class SyncPipeline(
    IMappedStateStore mappedState,
    IPlanStore plans,
    IStepApplier applier,
    SyncOptions options,
    TimeProvider time,
    ILogger logger,
    string tenantId,
    string connectorId)
{
    private ISnapshotSource? _fetching;
    private SyncRunProgress? _progress;

    /// <summary>Progress between checkpoints (null when nothing runs): fetch calls, then planning, then steps applied.</summary>
    public SyncRunProgress? Live => _fetching is { } source ? new SyncRunProgress("fetch", source.Completed, source.Total) : _progress;

    /// <summary>
    /// Fetches, plans and protects: stores the plan's chunks and records on <paramref name="run"/> what was fetched,
    /// the chunks, the counts and the protection verdict. A fetch that did not complete, or a plan that cannot be
    /// made, is a <see cref="SyncRunFailedException"/>: nothing is planned, stored or applied then.
    /// </summary>
    public async Task<PlannedRun> FetchAndPlanAsync(
        SyncRunRecord run, ConnectorSyncSettings settings, ISnapshotSource source, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        run.FetchStartedAt = time.GetUtcNow();
        _fetching = source;
        SourceSnapshot snapshot;
        var fetchSpan = SyncMetrics.StartPhase("fetch");
        try
        {
            snapshot = await source.FetchAsync(settings.App, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !run.CancelRequested)
        {
            SyncLog.FetchIncomplete(logger, tenantId, connectorId, run.RunId, error.Message);
            throw new SyncRunFailedException(
                $"the fetch from WeCom did not complete, so nothing was planned, applied or deleted: {error.Message}", error);
        }
        finally
        {
            _fetching = null;
            fetchSpan?.Dispose();
            SyncMetrics.Phase("fetch", time.GetElapsedTime(started));
        }

        if (source.CrossCheckSkipped)
        {
            SyncLog.MemberIdListUnavailable(logger, tenantId, connectorId, run.RunId, WeComErrorCodes.ApiForbidden);
        }

        run.DepartmentsFetched = snapshot.Departments.Count;
        run.MembersFetched = snapshot.Members.Count;
        run.Progress = new SyncRunProgress("fetch", source.Completed, source.Total);
        SyncLog.RunFetched(
            logger, tenantId, connectorId, run.RunId, run.DepartmentsFetched, run.MembersFetched,
            (long)time.GetElapsedTime(started).TotalMilliseconds);

        run.State = SyncRunState.Planning;
        _progress = new SyncRunProgress("plan", 0, 0);
        started = time.GetTimestamp();
        using var planSpan = SyncMetrics.StartPhase("plan");
        var (mapped, renames) = await mappedState.ReadAsync();
        var candidates = await mappedState.FindAdoptionCandidatesAsync(snapshot, mapped, renames, settings, cancellationToken);

        // Planning a large directory takes seconds of CPU: on the thread pool, so that the activation keeps serving
        // progress, reads and cancellation meanwhile. The work is pure and touches no grain state.
        var chunkSize = options.ChunkSize;
        var (plan, verdict, chunks, counts) = await Task.Run(() =>
        {
            SyncPlan plan;
            try
            {
                plan = SyncPlanner.Plan(snapshot, mapped, settings.ToPlannerSettings(renames), candidates);
            }
            catch (Exception error) when (error is SyncPlanningException or InvalidSyncSettingsException)
            {
                throw new SyncRunFailedException($"the run could not be planned: {error.Message}", error);
            }

            var verdict = Protection.Evaluate(plan.Summary, mapped.Members.Count, mapped.Departments.Count, settings.ToProtectionPolicy());
            var (chunks, counts) = new PlanChunks(snapshot, mapped, chunkSize).Cut(plan);
            return (plan, verdict, chunks, counts);
        }, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        await plans.StoreAsync(run.RunId, chunks);

        var thresholds = settings.Thresholds;
        run.ExternalIdSource = settings.ExternalIdSource;
        run.ChunkSizes = [.. chunks.Select(c => c.Length)];
        run.PlanStepCount = chunks.Sum(c => (long)c.Length);
        run.Planned = counts;
        run.Protection = new SyncProtectionVerdict(
            verdict.IsBlocked,
            plan.Summary.AccountDeletes,
            thresholds.MaxAccountDeletes,
            plan.Summary.OrganizationDeletes,
            thresholds.MaxOrganizationDeletes,
            string.Join("; ", verdict.Reasons));
        run.Progress = new SyncRunProgress("plan", run.PlanStepCount, run.PlanStepCount);
        _progress = null;
        SyncLog.RunPlanned(
            logger, tenantId, connectorId, run.RunId, run.PlanStepCount, counts.Unchanged,
            (long)time.GetElapsedTime(started).TotalMilliseconds);
        SyncMetrics.Phase("plan", time.GetElapsedTime(started));
        SyncMetrics.Planned(run.PlanStepCount, verdict.IsBlocked);
        return new PlannedRun(verdict.IsBlocked, SyncRunPaging.DescribeIssues(plan.Issues));
    }

    /// <summary>
    /// Applies the run's plan from its checkpoint (<see cref="SyncRunRecord.NextChunk"/>): each chunk's steps with
    /// bounded parallelism, then their outcomes, the mapped state and the counts, then <paramref name="checkpoint"/>.
    /// Returns false when a cancellation stopped it before a chunk, true when every chunk was applied.
    /// </summary>
    public async Task<bool> ApplyAsync(SyncRunRecord run, Func<Task> checkpoint)
    {
        var done = run.ChunkSizes.Take(run.NextChunk).Sum(size => (long)size);
        _progress = new SyncRunProgress("apply", done, run.PlanStepCount);
        var context = new SyncStepContext(run.RunId, run.ExternalIdSource, run.FetchStartedAt);
        var started = time.GetTimestamp();
        using var span = SyncMetrics.StartPhase("apply");
        try
        {
            for (var n = run.NextChunk; n < run.ChunkSizes.Count; n++)
            {
                if (run.CancelRequested)
                {
                    return false;
                }

                var steps = await plans.GetAsync(run.RunId, n);
                var results = new SyncStepResult[steps.Length];
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ApplyParallelism, TaskScheduler = TaskScheduler.Current };
                await Parallel.ForEachAsync(Enumerable.Range(0, steps.Length), parallel, async (i, _) =>
                {
                    results[i] = await ApplyStepAsync(run.RunId, steps[i], context);
                    _progress = new SyncRunProgress("apply", Interlocked.Increment(ref done), run.PlanStepCount);
                });

                await plans.RecordOutcomesAsync(run.RunId, n, [.. results]);
                await mappedState.RecordAsync(steps, results, context);

                var applied = run.Applied;
                foreach (var (step, result) in steps.Zip(results))
                {
                    applied = result.Outcome switch
                    {
                        SyncStepOutcome.Applied when step.Step is { } planned => SyncActions.Add(applied, planned),
                        SyncStepOutcome.Superseded => applied with { Superseded = applied.Superseded + 1 },
                        _ => applied with { Failed = applied.Failed + 1 },
                    };
                }

                run.Applied = applied;
                run.NextChunk = n + 1;
                run.Progress = new SyncRunProgress("apply", done, run.PlanStepCount);
                await checkpoint();
            }

            return true;
        }
        finally
        {
            _progress = null;
            SyncMetrics.Phase("apply", time.GetElapsedTime(started));
        }
    }

    /// <summary>The run's end once every chunk is applied: Succeeded, or PartiallySucceeded naming how many steps failed.</summary>
    public static (SyncRunState State, string Message) Outcome(SyncRunRecord run) => run.Applied.Failed > 0
        ? (SyncRunState.PartiallySucceeded, string.Create(
            CultureInfo.InvariantCulture, $"{run.Applied.Failed} of {run.PlanStepCount} steps failed; see the plan's outcomes"))
        : (SyncRunState.Succeeded, run.Message);

    private async Task<SyncStepResult> ApplyStepAsync(string runId, SyncStepRecord step, SyncStepContext context)
    {
        var view = step.View;
        try
        {
            var applied = await applier.ApplyAsync(step, context);
            return new SyncStepResult(
                view.Index, applied.Superseded ? SyncStepOutcome.Superseded : SyncStepOutcome.Applied, applied.Target ?? view.Target, null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            SyncLog.StepFailed(logger, tenantId, connectorId, runId, view.StepId, error.Message);
            return new SyncStepResult(view.Index, SyncStepOutcome.Failed, view.Target, error.Message);
        }
    }
}
