namespace Grid.Abstractions.Sync;

/// <summary>One step of a run's plan, with its outcome.</summary>
/// <param name="Index">Position in the plan (0-based; the plan's stable order: parents before children, creates before deletes).</param>
/// <param name="StepId">The planner's stable step id (the same change planned twice has the same id).</param>
/// <param name="Action">
/// <c>organization.create</c>, <c>organization.rename</c>, <c>organization.move</c>, <c>organization.delete</c>,
/// <c>account.create</c>, <c>account.adopt</c>, <c>account.update</c>, <c>account.move</c>, <c>account.disable</c>,
/// <c>account.delete</c>, <c>account.userid_change</c>.
/// </param>
/// <param name="Source">The WeCom side: <c>user:&lt;userid&gt;</c> or <c>department:&lt;id&gt;</c>.</param>
/// <param name="Target">The account or organization id; empty for a create not applied yet.</param>
/// <param name="Description">A human description (e.g. <c>rename 'Sales' to 'Sales East'</c>).</param>
/// <param name="Outcome">What happened to the step.</param>
/// <param name="Error">Why it failed, when it did.</param>
[GenerateSerializer, Immutable, Alias("grid.sync-run-step")]
public sealed record SyncRunStep(
    [property: Id(0)] long Index,
    [property: Id(1)] string StepId,
    [property: Id(2)] string Action,
    [property: Id(3)] string Source,
    [property: Id(4)] string Target,
    [property: Id(5)] string Description,
    [property: Id(6)] SyncStepOutcome Outcome,
    [property: Id(7)] string? Error);
