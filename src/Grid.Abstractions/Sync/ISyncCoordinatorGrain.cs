
namespace Grid.Abstractions.Sync;

/// <summary>
/// The one runner of full synchronizations for a WeCom connector, key <c>{tenant}/{connectorId}</c> (the connector's
/// key, see <see cref="GridKeys.Connector"/>). At most one run is active per connector in the whole cluster: the
/// grain's single activation holds that rule. A run fetches WeCom's visible departments and members, plans against the
/// mapped state, protects (a plan that deletes too much ends Protected and waits), applies with bounded parallelism
/// (checkpointed: a silo crash resumes the run where it stopped), and records counts, per-step outcomes and errors.
/// </summary>
/// <remarks>Refusals are <see cref="GridException"/>s: NotFound for an unknown run, FailedPrecondition for a request
/// that the run's or connector's state does not allow (the message says why), InvalidArgument naming the field.</remarks>
[Alias("grid.ISyncCoordinatorGrain")]
public interface ISyncCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts a scheduled full sync (actor <c>schedule</c>), unless a run is active or the connector is not configured
    /// (then it does nothing, so that a reminder never fails). Called by the connector's daily reminder; returns at
    /// once (the run continues in the background).
    /// </summary>
    [Alias("StartScheduled")]
    Task StartScheduled();

    /// <summary>
    /// Starts a full run (or a dry run, which stops after the plan and keeps it) and returns it as accepted (state
    /// Pending); the run continues in the background. FailedPrecondition naming the active run when one is active, and
    /// when the connector is not configured.
    /// </summary>
    /// <param name="dryRun">Fetch and plan only; apply nothing.</param>
    /// <param name="actor">Who asks (a service client id); recorded on the run.</param>
    [Alias("Start")]
    Task<SyncRun> Start(bool dryRun, string actor);

    /// <summary>One run of the retained history. NotFound when the run is unknown (or older than the history kept).</summary>
    [Alias("GetRun")]
    Task<SyncRun> GetRun(string runId);

    /// <summary>
    /// A page of a run's plan with each step's outcome, in plan order. Every run that planned keeps its plan (dry,
    /// Protected and applied runs alike). NotFound for an unknown run; InvalidArgument (<c>plan_page_token</c>) for a
    /// token this run did not issue.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="pageToken">The previous page's <see cref="SyncRunStepPage.NextPageToken"/>; empty for the first page.</param>
    /// <param name="pageSize">Steps per page: 0 means 100, larger than 1000 means 1000.</param>
    [Alias("GetPlan")]
    Task<SyncRunStepPage> GetPlan(string runId, string? pageToken, int pageSize);

    /// <summary>The retained runs, newest first. InvalidArgument (<c>page_token</c>) for a token this grain did not issue.</summary>
    /// <param name="pageToken">The previous page's <see cref="SyncRunPage.NextPageToken"/>; empty for the first page.</param>
    /// <param name="pageSize">Runs per page: 0 means 20, larger than 200 means 200.</param>
    [Alias("ListRuns")]
    Task<SyncRunPage> ListRuns(string? pageToken, int pageSize);

    /// <summary>
    /// Streams a run: its current state at once, then every change of state and progress (at most a few updates per
    /// second), ending after the update whose run has stopped moving (ended, or Protected). NotFound for an unknown run.
    /// Cancel the token to stop watching; the run is not affected.
    /// </summary>
    [Alias("Watch")]
    IAsyncEnumerable<SyncRun> Watch(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Approves a Protected run once: its kept plan is applied as it is (no new fetch). FailedPrecondition when the run
    /// is not Protected (including when it was approved already) or another run is active. Returns the run, Applying.
    /// </summary>
    [Alias("Approve")]
    Task<SyncRun> Approve(string runId, string actor);

    /// <summary>
    /// Cancels an active or Protected run. An applying run stops between chunks of steps: steps already applied stay
    /// applied, the rest are Skipped. Returns the run: Canceled, or still active for a moment while the steps in flight
    /// finish (watch it to see the end). FailedPrecondition when the run has already ended.
    /// </summary>
    [Alias("Cancel")]
    Task<SyncRun> Cancel(string runId, string actor, string? reason);
}
