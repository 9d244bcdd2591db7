using Grid.Abstractions;
using Grid.Abstractions.Sync;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
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
/// (<see cref="IMappedStateStore.RecordAsync"/>), exactly as a run's chunk is applied and recorded. Deletes pass the
/// connector's delete budget (<see cref="IHeldChangesGrain"/>); past it they are held for an administrator.
/// </summary>
public sealed class ContactChangeApplier(
    IGrainFactory grains,
    WeComClient client,
    IOptions<SyncOptions> options,
    TimeProvider time,
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

        return await ApplyAsync(tenantId, connectorId, eventId, target, overBudget: false, cancellationToken);
    }

    /// <summary>
    /// Applies an approved held change: the member or department is planned again from WeCom as it is now (a member
    /// who came back is not deleted) and its steps are applied past the delete budget.
    /// </summary>
    internal Task<ContactChangeOutcome> ApplyHeldAsync(string tenantId, string connectorId, HeldChange change)
    {
        var target = change.UserId is { } userId
            ? IncrementalTarget.Member(userId)
            : IncrementalTarget.Department(change.DepartmentId ?? throw new ArgumentException("a held change names a member or a department", nameof(change)));
        return ApplyAsync(tenantId, connectorId, change.EventId, target, overBudget: true, CancellationToken.None);
    }

    private async Task<ContactChangeOutcome> ApplyAsync(
        string tenantId, string connectorId, string eventId, IncrementalTarget target, bool overBudget, CancellationToken cancellationToken)
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

        // Observed now, or later: a run whose fetch began before this does not revert what this applies.
        var observedAt = time.GetUtcNow();
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
        var context = new SyncStepContext("event:" + eventId, settings.ExternalIdSource, observedAt);
        var budget = grains.GetGrain<IHeldChangesGrain>(GridKeys.Connector(tenantId, connectorId));
        var done = new List<SyncStepRecord>(steps.Length);
        var results = new List<SyncStepResult>(steps.Length);
        var held = false;
        try
        {
            foreach (var step in steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var view = step.View;
                if (!overBudget && ToHeld(step, eventId) is { } delete && !await budget.Admit(delete, settings.Thresholds.Budget))
                {
                    held = true;
                    continue;
                }

                try
                {
                    var applied = await applier.ApplyAsync(step, context);
                    done.Add(step);
                    results.Add(new SyncStepResult(
                        view.Index, applied.Superseded ? SyncStepOutcome.Superseded : SyncStepOutcome.Applied, applied.Target ?? view.Target, null));
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
            await store.RecordAsync([.. done], results, context);
        }

        if (held)
        {
            return ContactChangeOutcome.Held;
        }

        if (results.TrueForAll(result => result.Outcome == SyncStepOutcome.Superseded))
        {
            IncrementalLog.ChangeIgnored(logger, tenantId, connectorId, eventId, target.ToString(), "a newer observation was applied meanwhile");
            return ContactChangeOutcome.Ignored;
        }

        IncrementalLog.ChangeApplied(logger, tenantId, connectorId, eventId, target.ToString(), steps.Length);
        return ContactChangeOutcome.Applied;
    }

    // The deletes the budget counts: an account or an organization deleted (as a Protected run counts them).
    private static HeldChange? ToHeld(SyncStepRecord step, string eventId) => step.Step switch
    {
        AccountDelete delete => new HeldChange(
            string.Empty, eventId, HeldChangeKind.AccountDelete, delete.UserId, null, delete.AccountId, step.View.Description, default),
        OrganizationDelete delete => new HeldChange(
            string.Empty, eventId, HeldChangeKind.OrganizationDelete, null, delete.DepartmentId, delete.OrganizationId, step.View.Description, default),
        _ => null,
    };
}
