using System.Runtime.CompilerServices;
using Grid.Abstractions;
using Grid.Abstractions.Sync;
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
/// About 440 lines, over the ~400 of the house rule: each of the run's transitions (start, schedule, approve, cancel,
/// resume, end, a failed end) is a few lines of its own; the work is <see cref="SyncPipeline"/>'s, the persistence
/// helpers <see cref="SyncCoordinatorStore"/>'s, the history and paging <see cref="SyncRunPaging"/>'s.
/// </summary>
public sealed class SyncCoordinatorGrain : Grain, ISyncCoordinatorGrain, IRemindable
{
    private const string ResumeReminderName = "sync-resume";
    private const string ScheduleActor = "schedule";

    private readonly IPersistentState<SyncCoordinatorState> _state;
    private readonly WeComClient _wecom;
    private readonly SyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SyncCoordinatorGrain> _logger;

    private Task? _driver;
    private CancellationTokenSource? _fetchCancel;
    private IGrainTimer? _keepAlive;
    private SyncPipeline? _pipeline;
    private SyncCoordinatorStore? _store;
    private bool _endNotStored;

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

    private SyncCoordinatorStore Store => _store ??= new(_state, GrainFactory, _time, _logger, this.GetPrimaryKeyString());

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
        await Store.StoreFlushedAuditAsync(storageBehind: _endNotStored);
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
        var size = SyncRunPaging.PlanPageSize(pageSize);
        var offset = SyncRunPaging.PlanOffset(this.GetPrimaryKeyString(), run, pageToken);
        var records = new List<SyncStepRecord>(size);
        foreach (var chunk in SyncRunPaging.ChunksFrom(run.ChunkSizes, offset, size))
        {
            records.AddRange(await Chunks.GetAsync(run.RunId, chunk));
        }

        return SyncRunPaging.PlanPage(this.GetPrimaryKeyString(), run, offset, size, records);
    }

    public Task<SyncRunPage> ListRuns(string? pageToken, int pageSize) =>
        Task.FromResult(SyncRunPaging.ListRuns(this.GetPrimaryKeyString(), _state.State.Runs, pageToken, pageSize, View));

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
        run.RequireProtected();
        if (ActiveRun is { } active)
        {
            throw GridException.Precondition($"run {active.RunId} is active; approve when it has ended");
        }

        await RegisterResumeReminderAsync();
        run.Approve(actor);
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
            run.End(SyncRunState.Canceled, why, _time.GetUtcNow());
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
        var run = SyncRunRecord.New(now, ++_state.State.Sequence, dryRun, trigger, actor);

        // A kept plan is stale once a newer run plans: it can no longer be approved.
        foreach (var superseded in _state.State.Runs.Where(r => r.State == SyncRunState.Protected))
        {
            superseded.End(SyncRunState.Canceled, $"superseded by run {run.RunId}", now);
            SyncLog.RunSuperseded(_logger, TenantId, ConnectorId, run.RunId, superseded.RunId);
        }

        // The reminder first: a run must never be recorded without the means to resume it after a crash.
        await RegisterResumeReminderAsync();
        _state.State.Runs.Add(run);
        var evicted = SyncRunPaging.Trim(_state.State.Runs, _options.RunHistory);
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
        foreach (var old in evicted)
        {
            Chunks.Forget(old.RunId, old.ChunkSizes.Count);
        }

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
        _pipeline = new SyncPipeline(
            new SyncRosterStore(GrainFactory, TenantId, ConnectorId, _options.LookupParallelism),
            Chunks,
            new GrainStepApplier(GrainFactory, TenantId, ConnectorId),
            _options,
            _time,
            _logger,
            TenantId,
            ConnectorId);
        _driver = DriveAsync(run, _pipeline, _fetchCancel.Token);
    }

    private async Task DriveAsync(SyncRunRecord run, SyncPipeline pipeline, CancellationToken fetchCancel)
    {
        var started = _time.GetTimestamp();
        using var scope = LogScopes.Run(_logger, TenantId, ConnectorId, run.RunId);
        using var span = SyncMetrics.StartRun(run);
        try
        {
            if (run.State is SyncRunState.Pending or SyncRunState.Fetching or SyncRunState.Planning)
            {
                await FetchAndPlanAsync(run, pipeline, fetchCancel);
            }

            if (run.State == SyncRunState.Applying)
            {
                var finished = await pipeline.ApplyAsync(run, WriteAsync);
                var (state, message) = finished ? SyncPipeline.Outcome(run) : (SyncRunState.Canceled, run.Message);
                await EndAsync(run, state, message);
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

        if (!run.IsActive && !_endNotStored)
        {
            SyncLog.RunEnded(
                _logger, TenantId, ConnectorId, run.RunId, run.State,
                (long)_time.GetElapsedTime(started).TotalMilliseconds, run.Message);
            SyncMetrics.RunEnded(run, _time.GetElapsedTime(started));
            SyncMetrics.End(span, run.State);
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

    private async Task FetchAndPlanAsync(SyncRunRecord run, SyncPipeline pipeline, CancellationToken cancellationToken)
    {
        run.State = SyncRunState.Fetching;
        var settings = await LoadSettingsAsync();
        var planned = await pipeline.FetchAndPlanAsync(
            run, settings, new WeComSnapshotFetcher(_wecom, _options.FetchParallelism), cancellationToken);
        var issues = planned.Issues;
        if (run.CancelRequested)
        {
            await EndAsync(run, SyncRunState.Canceled, run.Message);
        }
        else if (run.DryRun)
        {
            await EndAsync(run, SyncRunState.Planned, issues);
        }
        else if (planned.IsBlocked)
        {
            var reason = run.Protection?.Reason;
            SyncLog.RunProtected(_logger, TenantId, ConnectorId, run.RunId, reason ?? string.Empty);
            await EndAsync(run, SyncRunState.Protected, $"protected, nothing applied until approved: {reason}");
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

    private async Task EndAsync(SyncRunRecord run, SyncRunState state, string message)
    {
        run.End(state, message, _time.GetUtcNow());
        await WriteAsync();
    }

    private static string ReasonSuffix(string? reason) => string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {reason}";

    private Task WriteAsync() => Store.WriteAsync();

    private Task WriteAuditedAsync(string actor, string action, SyncRunRecord run, string summary) =>
        Store.WriteAuditedAsync(actor, action, run, summary);

    private Task FlushAuditAsync() => Store.FlushAuditAsync();

    private async Task RegisterResumeReminderAsync() =>
        await this.RegisterOrUpdateReminder(ResumeReminderName, _options.ResumeReminderPeriod, _options.ResumeReminderPeriod);

    private async Task UnregisterResumeReminderAsync()
    {
        if (await this.GetReminder(ResumeReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private SyncRunChunks Chunks => new(GrainFactory, TenantId, ConnectorId);

    private SyncRunRecord Find(string runId) =>
        _state.State.Runs.Find(run => string.Equals(run.RunId, runId, StringComparison.Ordinal))
        ?? throw GridException.NotFound($"run '{runId}' of connector '{ConnectorId}' does not exist (or is older than the history kept)");

    private SyncRun View(SyncRunRecord run)
    {
        SyncRunProgress? live = null;
        if (run.IsActive)
        {
            live = _pipeline?.Live;
        }

        return run.ToView(TenantId, ConnectorId, live);
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
}
