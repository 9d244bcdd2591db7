using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Grains.Tenants;
using Grid.Sync.Mapping;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;
using Grid.WeCom.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sync;

/// <summary>
/// Runs full syncs of one connector. Requests only record decisions and return; the run itself is a background task
/// of this activation (the driver), whose state changes are persisted at each step that must survive a crash: the
/// start, the plan (with its chunks), every applied chunk (the checkpoint) and the end. While a run is unfinished a
/// reminder keeps coming back, so that after a silo failure the coordinator is activated elsewhere and resumes:
/// a run that had not finished planning starts its fetch again (nothing was applied), an applying run continues at
/// its first unrecorded chunk (steps are idempotent, so re-applying a half-done chunk is harmless).
/// </summary>
public sealed class SyncCoordinatorGrain : Grain, ISyncCoordinatorGrain, IRemindable
{
    private const string ResumeReminderName = "sync-resume";
    private const string ScheduleActor = "schedule";
    private const int DefaultPlanPageSize = 100;
    private const int MaxPlanPageSize = 1000;
    private const int DefaultRunPageSize = 20;
    private const int MaxRunPageSize = 200;
    private const int MaxIssuesInMessage = 5;

    private readonly IPersistentState<SyncCoordinatorState> _state;
    private readonly WeComClient _wecom;
    private readonly SyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SyncCoordinatorGrain> _logger;

    // Writes of the driver and of requests interleave at awaits; one write at a time keeps the ETag sequence intact.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private Task? _driver;
    private CancellationTokenSource? _fetchCancel;
    private IGrainTimer? _keepAlive;
    private WeComSnapshotFetcher? _fetcher;
    private SyncRunProgress? _liveProgress;
    private bool _endNotStored;
    private bool _auditClearedNotStored;

    public SyncCoordinatorGrain(
        [PersistentState("sync-coordinator", "grid")] IPersistentState<SyncCoordinatorState> state,
        WeComClient wecom,
        IOptions<SyncOptions> options,
        TimeProvider time,
        ILogger<SyncCoordinatorGrain> logger)
    {
        _state = state;
        _wecom = wecom;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private string TenantId => GridKeys.SplitTenant(this.GetPrimaryKeyString()).TenantId;

    private string ConnectorId => GridKeys.SplitTenant(this.GetPrimaryKeyString()).Remainder;

    private SyncRunRecord? ActiveRun => _state.State.Runs.Find(run => run.IsActive);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await FlushAuditAsync();
        if (ActiveRun is { } run)
        {
            SyncLog.RunResumed(_logger, TenantId, ConnectorId, run.RunId, run.State, run.NextChunk, run.ChunkSizes.Count);
            StartDriver(run);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_auditClearedNotStored && !_endNotStored)
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Kept as it is stored: the next activation appends those entries once more (at least once).
                SyncLog.AuditNotCleared(_logger, error, TenantId, ConnectorId);
            }
        }
    }

    public Task<SyncRun> Start(bool dryRun, string actor) => StartRunAsync(dryRun, SyncTrigger.Manual, RequireActor(actor));

    public async Task StartScheduled()
    {
        if (ActiveRun is { } active)
        {
            SyncLog.ScheduledSkipped(_logger, TenantId, ConnectorId, $"run {active.RunId} is active");
            return;
        }

        try
        {
            await StartRunAsync(dryRun: false, SyncTrigger.Scheduled, ScheduleActor);
        }
        catch (GridException error) when (error.Kind == GridErrorKind.FailedPrecondition)
        {
            SyncLog.ScheduledSkipped(_logger, TenantId, ConnectorId, error.Message);
        }
    }

    public Task<SyncRun> GetRun(string runId) => Task.FromResult(View(Find(runId)));

    public async Task<SyncRunStepPage> GetPlan(string runId, string? pageToken, int pageSize)
    {
        var run = Find(runId);
        var size = pageSize <= 0 ? DefaultPlanPageSize : Math.Min(pageSize, MaxPlanPageSize);
        var offset = DecodeToken(pageToken, "p1:" + run.RunId + ":", "plan_page_token");
        if (offset > run.PlanStepCount)
        {
            throw GridException.Invalid("plan_page_token", "is past the end of this run's plan");
        }

        var steps = ImmutableArray.CreateBuilder<SyncRunStep>(size);
        long chunkStart = 0;
        for (var chunk = 0; chunk < run.ChunkSizes.Count && steps.Count < size; chunk++)
        {
            var chunkEnd = chunkStart + run.ChunkSizes[chunk];
            if (chunkEnd > offset)
            {
                var records = await Chunk(run.RunId, chunk).Get();
                foreach (var record in records)
                {
                    if (record.View.Index >= offset && steps.Count < size)
                    {
                        steps.Add(ShownStep(run, record.View));
                    }
                }
            }

            chunkStart = chunkEnd;
        }

        var next = offset + steps.Count;
        var token = next < run.PlanStepCount ? EncodeToken("p1:" + run.RunId + ":", next) : string.Empty;
        return new SyncRunStepPage(steps.ToImmutable(), token, run.PlanStepCount);
    }

    public Task<SyncRunPage> ListRuns(string? pageToken, int pageSize)
    {
        var size = pageSize <= 0 ? DefaultRunPageSize : Math.Min(pageSize, MaxRunPageSize);
        var offset = (int)DecodeToken(pageToken, "r1:", "page_token");
        var newestFirst = Enumerable.Reverse(_state.State.Runs).ToList();
        var page = newestFirst.Skip(offset).Take(size).Select(View).ToImmutableArray();
        var next = offset + page.Length < newestFirst.Count ? EncodeToken("r1:", offset + page.Length) : string.Empty;
        return Task.FromResult(new SyncRunPage(page, next));
    }

    public async IAsyncEnumerable<SyncRun> Watch(string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var current = View(Find(runId));
        yield return current;
        while (current.IsActive)
        {
            // Polling the in-memory run keeps the driver free of subscribers and bounds the update rate.
            await Task.Delay(_options.ProgressInterval, _time, cancellationToken);
            var next = View(Find(runId));
            if (!next.Equals(current))
            {
                current = next;
                yield return current;
            }
        }
    }

    public async Task<SyncRun> Approve(string runId, string actor)
    {
        RequireActor(actor);
        EnsureStored();
        var run = Find(runId);
        if (run.State != SyncRunState.Protected)
        {
            throw GridException.Precondition($"run {run.RunId} is {run.State}, not Protected: only a Protected run can be approved (once)");
        }

        if (ActiveRun is { } active)
        {
            throw GridException.Precondition($"run {active.RunId} is active; approve when it has ended");
        }

        await RegisterResumeReminderAsync();
        run.State = SyncRunState.Applying;
        run.ApprovedBy = actor;
        run.EndedAt = null;
        run.NextChunk = 0;
        run.Message = string.Empty;
        await WriteAuditedAsync(actor, "sync.approve", run, $"approved Protected run {run.RunId} ({run.Protection?.Reason ?? "thresholds exceeded"})");
        SyncLog.RunApproved(_logger, TenantId, ConnectorId, run.RunId, actor);
        StartDriver(run);
        await FlushAuditAsync();
        return View(run);
    }

    public async Task<SyncRun> Cancel(string runId, string actor, string? reason)
    {
        RequireActor(actor);
        EnsureStored();
        var run = Find(runId);
        var why = string.IsNullOrWhiteSpace(reason) ? $"cancelled by {actor}" : $"cancelled by {actor}: {reason}";
        if (run.State == SyncRunState.Protected)
        {
            run.State = SyncRunState.Canceled;
            run.EndedAt = _time.GetUtcNow();
            run.Message = why;
            await WriteAuditedAsync(actor, "sync.cancel", run, $"cancelled Protected run {run.RunId}{ReasonSuffix(reason)}");
            await FlushAuditAsync();
            return View(run);
        }

        if (!run.IsActive)
        {
            throw GridException.Precondition($"run {run.RunId} has ended ({run.State}); only an active or Protected run can be cancelled");
        }

        if (!run.CancelRequested)
        {
            run.CancelRequested = true;
            run.Message = why;
            await WriteAuditedAsync(actor, "sync.cancel", run, $"cancelled run {run.RunId} while {run.State}{ReasonSuffix(reason)}");
            SyncLog.RunCancelRequested(_logger, TenantId, ConnectorId, run.RunId, actor);
        }

        // Fetching and planning stop at once (nothing was applied); applying stops before its next chunk.
        if (run.State != SyncRunState.Applying)
        {
            await (_fetchCancel?.CancelAsync() ?? Task.CompletedTask);
        }

        await FlushAuditAsync();
        return View(run);
    }

    public async Task<ImmutableArray<MappingPreview>> PreviewMapping(MappingPreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = await ConnectorSyncSettings.LoadAsync(GrainFactory, TenantId, ConnectorId, requireContactSync: false);
        return await new MappingPreviewer(_wecom, GrainFactory, TenantId).PreviewAsync(settings, request);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminderName)
        {
            return Task.CompletedTask;
        }

        if (ActiveRun is { } run)
        {
            // Activation already resumed the run; this only restarts a driver that stopped without ending it.
            if (_driver is null || _driver.IsCompleted)
            {
                StartDriver(run);
            }

            return Task.CompletedTask;
        }

        return UnregisterResumeReminderAsync();
    }

    private async Task<SyncRun> StartRunAsync(bool dryRun, SyncTrigger trigger, string actor)
    {
        EnsureStored();
        if (ActiveRun is { } active)
        {
            throw GridException.Precondition(
                $"run {active.RunId} is active ({active.State}); one run at a time per connector: wait for it to end or cancel it");
        }

        // Refuse before anything is recorded when the connector cannot sync.
        await ConnectorSyncSettings.LoadAsync(GrainFactory, TenantId, ConnectorId);

        var now = _time.GetUtcNow();
        var sequence = ++_state.State.Sequence;
        var run = new SyncRunRecord
        {
            RunId = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{sequence:D4}"),
            DryRun = dryRun,
            State = SyncRunState.Pending,
            Trigger = trigger,
            RequestedBy = actor,
            StartedAt = now,
        };

        // A kept plan is stale once a newer run plans: it can no longer be approved.
        foreach (var superseded in _state.State.Runs.Where(r => r.State == SyncRunState.Protected))
        {
            superseded.State = SyncRunState.Canceled;
            superseded.EndedAt = now;
            superseded.Message = $"superseded by run {run.RunId}";
            SyncLog.RunSuperseded(_logger, TenantId, ConnectorId, run.RunId, superseded.RunId);
        }

        // The reminder first: a run must never be recorded without the means to resume it after a crash.
        await RegisterResumeReminderAsync();
        _state.State.Runs.Add(run);
        var evicted = TrimHistory();
        if (trigger == SyncTrigger.Manual)
        {
            await WriteAuditedAsync(actor, "sync.start", run, dryRun ? $"started dry run {run.RunId}" : $"started run {run.RunId}");
        }
        else
        {
            await WriteAsync();
        }
        SyncLog.RunStarted(_logger, TenantId, ConnectorId, run.RunId, dryRun, trigger, actor);
        var accepted = View(run);
        StartDriver(run);
        ForgetChunks(evicted);
        await FlushAuditAsync();
        return accepted;
    }

    private void StartDriver(SyncRunRecord run)
    {
        _fetchCancel?.Dispose();
        _fetchCancel = new CancellationTokenSource();
        _keepAlive ??= this.RegisterGrainTimer(
            static _ => Task.CompletedTask,
            new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { KeepAlive = true, Interleave = true });
        _driver = DriveAsync(run, _fetchCancel.Token);
    }

    private async Task DriveAsync(SyncRunRecord run, CancellationToken fetchCancel)
    {
        var started = _time.GetTimestamp();
        try
        {
            if (run.State is SyncRunState.Pending or SyncRunState.Fetching or SyncRunState.Planning)
            {
                await FetchAndPlanAsync(run, fetchCancel);
            }

            if (run.State == SyncRunState.Applying)
            {
                await ApplyAsync(run);
            }
        }
        catch (OperationCanceledException) when (run.CancelRequested)
        {
            await TryEndAsync(run, SyncRunState.Canceled, run.Message);
        }
        catch (SyncRunFailedException error)
        {
            await TryEndAsync(run, SyncRunState.Failed, error.Message);
        }
        catch (Exception error)
        {
            SyncLog.RunFailed(_logger, error, TenantId, ConnectorId, run.RunId);
            await TryEndAsync(run, SyncRunState.Failed, $"the run failed: {error.Message}");
        }

        _fetcher = null;
        _liveProgress = null;
        if (!run.IsActive && !_endNotStored)
        {
            SyncLog.RunEnded(
                _logger, TenantId, ConnectorId, run.RunId, run.State,
                (long)_time.GetElapsedTime(started).TotalMilliseconds, run.Message);
            _keepAlive?.Dispose();
            _keepAlive = null;
            try
            {
                await UnregisterResumeReminderAsync();
            }
            catch (Exception error)
            {
                // The reminder unregisters itself when it next finds no active run.
                SyncLog.ReminderNotUnregistered(_logger, error, TenantId, ConnectorId, run.RunId);
            }
        }
    }

    // The end of a run that cannot be stored leaves storage at the last checkpoint: start over from there in a
    // fresh activation (the resume reminder brings it back) rather than keep a memory that storage contradicts.
    private async Task TryEndAsync(SyncRunRecord run, SyncRunState state, string message)
    {
        try
        {
            await EndAsync(run, state, message);
        }
        catch (Exception error)
        {
            SyncLog.RunNotRecorded(_logger, error, TenantId, ConnectorId, run.RunId, state);
            _endNotStored = true;
            DeactivateOnIdle();
        }
    }

    private async Task FetchAndPlanAsync(SyncRunRecord run, CancellationToken cancellationToken)
    {
        run.State = SyncRunState.Fetching;
        var started = _time.GetTimestamp();
        var settings = await LoadSettingsAsync();
        var fetcher = new WeComSnapshotFetcher(_wecom, _options.FetchParallelism);
        _fetcher = fetcher;
        SourceSnapshot snapshot;
        try
        {
            snapshot = await fetcher.FetchAsync(settings.App, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !run.CancelRequested)
        {
            SyncLog.FetchIncomplete(_logger, TenantId, ConnectorId, run.RunId, error.Message);
            throw new SyncRunFailedException(
                $"the fetch from WeCom did not complete, so nothing was planned, applied or deleted: {error.Message}", error);
        }

        if (fetcher.CrossCheckSkipped)
        {
            SyncLog.MemberIdListUnavailable(_logger, TenantId, ConnectorId, run.RunId, WeComErrorCodes.ApiForbidden);
        }

        run.DepartmentsFetched = snapshot.Departments.Count;
        run.MembersFetched = snapshot.Members.Count;
        run.Progress = new SyncRunProgress("fetch", fetcher.Completed, fetcher.Total);
        _fetcher = null;
        SyncLog.RunFetched(
            _logger, TenantId, ConnectorId, run.RunId, run.DepartmentsFetched, run.MembersFetched,
            (long)_time.GetElapsedTime(started).TotalMilliseconds);

        run.State = SyncRunState.Planning;
        _liveProgress = new SyncRunProgress("plan", 0, 0);
        started = _time.GetTimestamp();
        var (mapped, renames) = await ReadMappedStateAsync();
        var candidates = await ResolveAdoptionCandidatesAsync(snapshot, mapped, renames, settings, cancellationToken);

        // Planning a large directory takes seconds of CPU: on the thread pool, so that the activation keeps serving
        // progress, reads and cancellation meanwhile. The work is pure and touches no grain state.
        var runId = run.RunId;
        var chunkSize = _options.ChunkSize;
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
        await StoreChunksAsync(run.RunId, chunks);

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
        _liveProgress = null;
        SyncLog.RunPlanned(
            _logger, TenantId, ConnectorId, run.RunId, run.PlanStepCount, counts.Unchanged,
            (long)_time.GetElapsedTime(started).TotalMilliseconds);

        var issues = DescribeIssues(plan.Issues);
        if (run.CancelRequested)
        {
            await EndAsync(run, SyncRunState.Canceled, run.Message);
        }
        else if (run.DryRun)
        {
            await EndAsync(run, SyncRunState.Planned, issues);
        }
        else if (verdict.IsBlocked)
        {
            SyncLog.RunProtected(_logger, TenantId, ConnectorId, run.RunId, run.Protection.Reason);
            await EndAsync(run, SyncRunState.Protected, $"protected, nothing applied until approved: {run.Protection.Reason}");
        }
        else if (run.PlanStepCount == 0)
        {
            await EndAsync(run, SyncRunState.Succeeded, issues);
        }
        else
        {
            run.State = SyncRunState.Applying;
            run.NextChunk = 0;
            run.Message = issues;
            run.Progress = new SyncRunProgress("apply", 0, run.PlanStepCount);
            await WriteAsync();
        }
    }

    private async Task<ConnectorSyncSettings> LoadSettingsAsync()
    {
        try
        {
            return await ConnectorSyncSettings.LoadAsync(GrainFactory, TenantId, ConnectorId);
        }
        catch (GridException error)
        {
            throw new SyncRunFailedException($"the connector cannot sync: {error.Message}", error);
        }
    }

    private async Task<(MappedState Mapped, IReadOnlyDictionary<string, string> Renames)> ReadMappedStateAsync()
    {
        var buckets = await SyncRoster.ReadAll(GrainFactory, TenantId, ConnectorId, _options.LookupParallelism);
        return await Task.Run(() =>
        {
            var members = new List<KeyValuePair<string, MappedMember>>();
            var departments = new List<KeyValuePair<long, MappedDepartment>>();
            var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var bucket in buckets)
            {
                foreach (var member in bucket.Members)
                {
                    members.Add(new(member.UserId, SyncConversions.ToMapped(member)));
                    if (member.RenamedTo is { } renamedTo)
                    {
                        renames[member.UserId] = renamedTo;
                    }
                }

                foreach (var department in bucket.Departments)
                {
                    departments.Add(new(department.DepartmentId, SyncConversions.ToMapped(department)));
                }
            }

            return (new MappedState(departments, members), (IReadOnlyDictionary<string, string>)renames);
        });
    }

    // Existing accounts the match rule may adopt: one unique-index lookup per distinct match value of the members
    // that are new to this connector (members already mapped cost nothing, so a re-run does no lookups).
    private async Task<IReadOnlyDictionary<string, string>> ResolveAdoptionCandidatesAsync(
        SourceSnapshot snapshot,
        MappedState mapped,
        IReadOnlyDictionary<string, string> renames,
        ConnectorSyncSettings settings,
        CancellationToken cancellationToken)
    {
        var candidates = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (settings.MatchField is not { } field || settings.MatchRule is not { } rule)
        {
            return candidates;
        }

        Func<SourceMember, string> matchValue;
        try
        {
            matchValue = MappingExpression.Parse(rule.MemberField).CompileForMember();
        }
        catch (MappingExpressionException error)
        {
            throw new SyncRunFailedException($"the match rule cannot be used: match_rule.member_field: {error.Message}", error);
        }

        var renamedTo = new HashSet<string>(renames.Values, StringComparer.OrdinalIgnoreCase);
        var values = await Task.Run(() => snapshot.Members
            .Where(m => !mapped.Members.ContainsKey(m.UserId) && !renamedTo.Contains(m.UserId) && m.Status != MemberStatus.Left)
            .Select(matchValue)
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList());
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = _options.LookupParallelism,
            CancellationToken = cancellationToken,
            TaskScheduler = TaskScheduler.Current,
        };
        await Parallel.ForEachAsync(values, options, async (value, _) =>
        {
            if (GridKeys.UniqueIndex(TenantId, field, value) is { } key
                && await GrainFactory.GetGrain<IUniqueIndexGrain>(key).Get() is { } accountId)
            {
                candidates[value] = accountId;
            }
        });
        return candidates;
    }

    private async Task StoreChunksAsync(string runId, List<ImmutableArray<SyncStepRecord>> chunks)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, TaskScheduler = TaskScheduler.Current };
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chunks.Count), options, async (n, _) => await Chunk(runId, n).Store(chunks[n]));
    }

    private async Task ApplyAsync(SyncRunRecord run)
    {
        var done = run.ChunkSizes.Take(run.NextChunk).Sum(size => (long)size);
        _liveProgress = new SyncRunProgress("apply", done, run.PlanStepCount);
        for (var n = run.NextChunk; n < run.ChunkSizes.Count; n++)
        {
            if (run.CancelRequested)
            {
                await EndAsync(run, SyncRunState.Canceled, run.Message);
                return;
            }

            var chunk = Chunk(run.RunId, n);
            var steps = await chunk.Get();
            var results = new SyncStepResult[steps.Length];
            var options = new ParallelOptions { MaxDegreeOfParallelism = _options.ApplyParallelism, TaskScheduler = TaskScheduler.Current };
            await Parallel.ForEachAsync(Enumerable.Range(0, steps.Length), options, async (i, _) =>
            {
                results[i] = await ApplyStepAsync(run, steps[i]);
                done++;
                _liveProgress = new SyncRunProgress("apply", done, run.PlanStepCount);
            });

            await chunk.RecordOutcomes([.. results]);
            await RecordInRosterAsync(steps, results);

            var applied = run.Applied;
            foreach (var (step, result) in steps.Zip(results))
            {
                applied = result.Outcome == SyncStepOutcome.Applied && step.Step is { } planned
                    ? SyncActions.Add(applied, planned)
                    : applied with { Failed = applied.Failed + 1 };
            }

            run.Applied = applied;
            run.NextChunk = n + 1;
            run.Progress = new SyncRunProgress("apply", done, run.PlanStepCount);
            await WriteAsync();
        }

        var failed = run.Applied.Failed;
        if (failed > 0)
        {
            await EndAsync(run, SyncRunState.PartiallySucceeded, string.Create(
                CultureInfo.InvariantCulture, $"{failed} of {run.PlanStepCount} steps failed; see the plan's outcomes"));
        }
        else
        {
            await EndAsync(run, SyncRunState.Succeeded, run.Message);
        }
    }

    private async Task<SyncStepResult> ApplyStepAsync(SyncRunRecord run, SyncStepRecord step)
    {
        var view = step.View;
        try
        {
            var context = new SyncStepContext(run.RunId, run.ExternalIdSource);
            var target = step.Step switch
            {
                MemberStep member => await GrainFactory
                    .GetGrain<IWeComMemberSyncGrain>(SyncKeys.Member(TenantId, ConnectorId, member.UserId))
                    .Apply(member, step.Member, context) ?? member.AccountId,
                DepartmentStep department => await GrainFactory
                    .GetGrain<IWeComDepartmentSyncGrain>(SyncKeys.Department(TenantId, ConnectorId, department.DepartmentId))
                    .Apply(department, step.Department, context) ?? department.OrganizationId,

                // A chunk stored by an earlier version holds no planner step: plan again rather than guess.
                _ => throw new InvalidOperationException($"step {view.StepId} was planned by an earlier version of Grid; start a new run"),
            };

            return new SyncStepResult(view.Index, SyncStepOutcome.Applied, target, null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            SyncLog.StepFailed(_logger, TenantId, ConnectorId, run.RunId, view.StepId, error.Message);
            return new SyncStepResult(view.Index, SyncStepOutcome.Failed, view.Target, error.Message);
        }
    }

    // Applied steps only: a failed step leaves the mapped state as it was, so the next run plans it again.
    private async Task RecordInRosterAsync(ImmutableArray<SyncStepRecord> steps, SyncStepResult[] results)
    {
        var changes = new Dictionary<int, (List<string> RemovedMembers, List<RosterMember> Members, List<long> RemovedDepartments, List<RosterDepartment> Departments)>();
        (List<string>, List<RosterMember>, List<long>, List<RosterDepartment>) For(int bucket)
        {
            if (!changes.TryGetValue(bucket, out var entry))
            {
                changes[bucket] = entry = ([], [], [], []);
            }

            return entry;
        }

        for (var i = 0; i < steps.Length; i++)
        {
            if (results[i].Outcome != SyncStepOutcome.Applied)
            {
                continue;
            }

            if (steps[i].Step is MemberStep member)
            {
                if (member.PreviousUserId is { } previous)
                {
                    For(SyncRoster.BucketOfMember(previous)).Item1.Add(previous);
                }

                var bucket = For(SyncRoster.BucketOfMember(member.UserId));
                if (member.Result is { } entry)
                {
                    bucket.Item2.Add(SyncConversions.ToRoster(member.UserId, entry with { AccountId = results[i].Target }));
                }
                else
                {
                    bucket.Item1.Add(member.UserId);
                }
            }
            else if (steps[i].Step is DepartmentStep department)
            {
                var bucket = For(SyncRoster.BucketOfDepartment(department.DepartmentId));
                if (department.Result is { } entry)
                {
                    bucket.Item4.Add(SyncConversions.ToRoster(department.DepartmentId, entry));
                }
                else
                {
                    bucket.Item3.Add(department.DepartmentId);
                }
            }
        }

        await Task.WhenAll(changes.Select(pair => SyncRoster.Bucket(GrainFactory, TenantId, ConnectorId, pair.Key).Apply(
            new RosterChanges([.. pair.Value.RemovedMembers], [.. pair.Value.Members], [.. pair.Value.RemovedDepartments], [.. pair.Value.Departments]))));
    }

    private async Task EndAsync(SyncRunRecord run, SyncRunState state, string message)
    {
        run.State = state;
        run.EndedAt = _time.GetUtcNow();
        run.Message = message;
        await WriteAsync();
    }

    // The entry is stored with the change it describes, or not at all: a write that fails takes it back.
    private async Task WriteAuditedAsync(string actor, string action, SyncRunRecord run, string summary)
    {
        var entry = new AuditEntry(0, _time.GetUtcNow(), actor, action, $"connector/{ConnectorId}/run/{run.RunId}", summary);
        _state.State.PendingAudit.Add(entry);
        try
        {
            await WriteAsync();
        }
        catch
        {
            _state.State.PendingAudit.Remove(entry);
            throw;
        }
    }

    private static string ReasonSuffix(string? reason) => string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {reason}";

    // The emptied list is not written at once: the run's next write carries it (the tests count writes of a no-change
    // run), and deactivation writes it when no later write did, so entries are appended again only after a crash.
    private Task FlushAuditAsync() => PendingAudit.FlushAsync(
        GrainFactory,
        TenantId,
        _state.State.PendingAudit,
        () =>
        {
            _auditClearedNotStored = true;
            return Task.CompletedTask;
        },
        _logger,
        this.GetPrimaryKeyString());

    private async Task WriteAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            // Cleared before the write: a flush that empties the list while this write is in flight marks it again.
            _auditClearedNotStored = false;
            await _state.WriteStateAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private List<SyncRunRecord> TrimHistory()
    {
        var evicted = new List<SyncRunRecord>();
        var runs = _state.State.Runs;
        for (var i = 0; runs.Count - evicted.Count > _options.RunHistory && i < runs.Count; i++)
        {
            if (!runs[i].IsActive && runs[i].State != SyncRunState.Protected)
            {
                evicted.Add(runs[i]);
            }
        }

        runs.RemoveAll(evicted.Contains);
        return evicted;
    }

    // Best effort, after the history no longer names them: a chunk left behind is never read again.
    private void ForgetChunks(List<SyncRunRecord> evicted)
    {
        foreach (var run in evicted)
        {
            for (var n = 0; n < run.ChunkSizes.Count; n++)
            {
                _ = Chunk(run.RunId, n).Clear();
            }
        }
    }

    private async Task RegisterResumeReminderAsync() =>
        await this.RegisterOrUpdateReminder(ResumeReminderName, _options.ResumeReminderPeriod, _options.ResumeReminderPeriod);

    private async Task UnregisterResumeReminderAsync()
    {
        if (await this.GetReminder(ResumeReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private ISyncRunChunkGrain Chunk(string runId, int chunk) =>
        GrainFactory.GetGrain<ISyncRunChunkGrain>(
            string.Create(CultureInfo.InvariantCulture, $"{TenantId}/{ConnectorId}/{runId}/{chunk}"));

    private SyncRunRecord Find(string runId) =>
        _state.State.Runs.Find(run => string.Equals(run.RunId, runId, StringComparison.Ordinal))
        ?? throw GridException.NotFound($"run '{runId}' of connector '{ConnectorId}' does not exist (or is older than the history kept)");

    private SyncRun View(SyncRunRecord run)
    {
        SyncRunProgress? live = null;
        if (run.IsActive)
        {
            live = _fetcher is { } fetcher ? new SyncRunProgress("fetch", fetcher.Completed, fetcher.Total) : _liveProgress;
        }

        return run.ToView(TenantId, ConnectorId, live);
    }

    // A step of a run that stopped before reaching it was skipped, not merely pending.
    private static SyncRunStep ShownStep(SyncRunRecord run, SyncRunStep step) =>
        step.Outcome == SyncStepOutcome.Pending && run.State is SyncRunState.Canceled or SyncRunState.Failed
            ? step with { Outcome = SyncStepOutcome.Skipped }
            : step;

    private static string DescribeIssues(ImmutableArray<PlanIssue> issues)
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

    // Memory ran ahead of storage (see TryEndAsync): decide nothing until a fresh activation has read storage.
    private void EnsureStored()
    {
        if (_endNotStored)
        {
            throw GridException.Precondition("the sync coordinator is recovering from a storage failure; try again in a moment");
        }
    }

    private static string RequireActor(string actor) =>
        string.IsNullOrWhiteSpace(actor) ? throw GridException.Invalid("actor", "required") : actor;

    private static string EncodeToken(string prefix, long offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(prefix + offset.ToString(CultureInfo.InvariantCulture)));

    private static long DecodeToken(string? token, string prefix, string field)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through: a damaged token is the caller's mistake, reported below.
        }

        throw GridException.Invalid(field, "is not a page token issued for this listing");
    }
}
