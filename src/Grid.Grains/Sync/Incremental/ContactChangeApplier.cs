using Grid.Abstractions;
using Grid.Abstractions.Sync;
using Grid.Sync.Planning;
using Grid.WeCom.Api;
using Grid.WeCom.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sync.Incremental;

/// <summary>
/// Applies a contact change through the full run's one mapping path: the member or department fetched fresh
/// (<see cref="IncrementalSnapshot"/>), <see cref="SyncPlanner"/> diffing it against its last-applied entries in the
/// roster (a <see cref="PlanScope"/> of just that member or department), the member and department grains applying the
/// planned steps (<see cref="GrainStepApplier"/>), and the roster recording what was applied
/// (<see cref="IMappedStateStore.RecordAsync"/>), exactly as a run's chunk is applied and recorded.
/// </summary>
internal sealed class ContactChangeApplier(
    IGrainFactory grains,
    WeComClient client,
    IOptions<SyncOptions> options,
    ILogger<ContactChangeApplier> logger) : IContactChangeApplier
{
    public async Task<ContactChangeOutcome> ApplyAsync(
        string tenantId, string connectorId, string eventId, ContactChange change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(connectorId);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentNullException.ThrowIfNull(change);
        if (IncrementalTarget.Of(change) is not { } target)
        {
            IncrementalLog.ChangeIgnored(logger, tenantId, connectorId, eventId, change.GetType().Name, "not a member or department change");
            return ContactChangeOutcome.Ignored;
        }

        return await ApplyAsync(tenantId, connectorId, eventId, target, cancellationToken);
    }

    private async Task<ContactChangeOutcome> ApplyAsync(
        string tenantId, string connectorId, string eventId, IncrementalTarget target, CancellationToken cancellationToken)
    {
        ConnectorSyncSettings settings;
        try
        {
            settings = await ConnectorSyncSettings.LoadAsync(grains, tenantId, connectorId, requireContactSync: false);
        }
        catch (GridException error) when (error.Kind == GridErrorKind.FailedPrecondition)
        {
            IncrementalLog.ChangeIgnored(logger, tenantId, connectorId, eventId, target.ToString(), error.Message);
            return ContactChangeOutcome.Ignored;
        }

        if (!settings.ContactSync)
        {
            IncrementalLog.ChangeIgnored(logger, tenantId, connectorId, eventId, target.ToString(), "contact sync is switched off");
            return ContactChangeOutcome.Ignored;
        }

        var store = new SyncRosterStore(grains, tenantId, connectorId, options.Value.LookupParallelism);
        var source = await IncrementalSnapshot.BuildAsync(target, settings, store, client, grains, tenantId, cancellationToken);
        var plan = SyncPlanner.Plan(
            source.Snapshot, source.Mapped, settings.ToPlannerSettings(source.Renames), source.Candidates, scope: source.Scope);
        foreach (var issue in plan.Issues)
        {
            IncrementalLog.PlanIssue(logger, tenantId, connectorId, eventId, target.ToString(), $"{issue.Subject}: {issue.Message}");
        }

        if (plan.IsEmpty)
        {
            IncrementalLog.ChangeIgnored(logger, tenantId, connectorId, eventId, target.ToString(), "already reflected");
            return ContactChangeOutcome.Ignored;
        }

        var steps = source.Records(plan);
        var applier = new GrainStepApplier(grains, tenantId, connectorId);
        var context = new SyncStepContext("event:" + eventId, settings.ExternalIdSource);
        var results = new List<SyncStepResult>(steps.Length);
        try
        {
            foreach (var step in steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var view = step.View;
                try
                {
                    var linked = await applier.ApplyAsync(step, context) ?? view.Target;
                    results.Add(new SyncStepResult(view.Index, SyncStepOutcome.Applied, linked, null));
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    IncrementalLog.StepFailed(logger, tenantId, connectorId, eventId, target.ToString(), view.StepId, error.Message);
                    throw;
                }
            }
        }
        finally
        {
            // What was applied is recorded even when a later step failed: the retry plans only what is left.
            await store.RecordAsync(steps[..results.Count], results);
        }

        IncrementalLog.ChangeApplied(logger, tenantId, connectorId, eventId, target.ToString(), steps.Length);
        return ContactChangeOutcome.Applied;
    }
}
