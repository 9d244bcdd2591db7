using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Events;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Grid.Grains.Sync.Incremental;

public sealed class HeldChangesGrain(
    [PersistentState("held-changes", "grid")] IPersistentState<HeldChangesState> state,
    DeepCopier<HeldChangesState> copier,
    ContactChangeApplier applier,
    TimeProvider time,
    ILogger<HeldChangesGrain> logger) : Grain, IHeldChangesGrain
{
    // Held changes wait for a person; past this many the storm is beyond review and the callback is retried, then parked.
    internal const int MaxHeld = 10_000;

    private (string TenantId, string ConnectorId) Ids => GridKeys.SplitTenant(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await FlushAsync();
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<bool> Admit(HeldChange change, DeleteBudget budget)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(budget);
        var now = time.GetUtcNow();
        var next = copier.Copy(state.State);
        next.Window.RemoveAll(slot => slot.At <= now - budget.Window);
        var admitted = false;
        if (next.Held.Exists(held => held.Key == change.Key))
        {
            // Held already: a later callback of the same member or department does not slip past the hold.
        }
        else if (next.Window.Exists(slot => slot.Kind == change.Kind && slot.Key == change.Key))
        {
            admitted = true;
        }
        else if (next.Window.Count(slot => slot.Kind == change.Kind) < Max(budget, change.Kind))
        {
            next.Window.Add(new BudgetSlot(change.Kind, change.Key, now));
            admitted = true;
        }
        else
        {
            if (next.Held.Count >= MaxHeld)
            {
                throw GridException.Precondition(string.Create(
                    CultureInfo.InvariantCulture, $"{MaxHeld} deletes are held for connector '{Ids.ConnectorId}'; approve or discard them first"));
            }

            next.LastHeld++;
            next.Held.Add(change with { Id = "h_" + next.LastHeld.ToString(CultureInfo.InvariantCulture), HeldAt = now });
            IncrementalLog.DeleteHeld(logger, Ids.TenantId, Ids.ConnectorId, change.EventId, change.Key, change.Description);
        }

        if (!next.Window.SequenceEqual(state.State.Window) || next.Held.Count != state.State.Held.Count)
        {
            await state.WriteOrRevertAsync(next);
        }

        return admitted;
    }

    public Task<HeldChangePage> List(string? pageToken, int pageSize)
    {
        var kind = PageTokens.HeldChanges(this.GetPrimaryKeyString());
        var after = PageTokens.DecodeOffset(pageToken, kind);
        var held = state.State.Held;
        var page = held.Where(change => Number(change) > after).Take(Math.Clamp(pageSize, 1, 1000)).ToImmutableArray();
        var more = page.Length > 0 && held.Exists(change => Number(change) > Number(page[^1]));
        return Task.FromResult(new HeldChangePage(
            page, more ? PageTokens.Encode(kind, Number(page[^1])) : null, held.Count));
    }

    public async Task<HeldChangeResult> Approve(ImmutableArray<string> ids, bool all, string actor)
    {
        var (chosen, notFound) = Choose(ids, all);
        var applied = 0;
        try
        {
            foreach (var change in chosen)
            {
                await applier.ApplyHeldAsync(Ids.TenantId, Ids.ConnectorId, change);
                await ForgetAsync([change], actor, WeComEventStatus.Approved, "sync.held.approve", $"approved held {Describe(change)}");
                applied++;
            }
        }
        finally
        {
            await FlushAsync();
        }

        return new HeldChangeResult(applied, notFound);
    }

    public async Task<HeldChangeResult> Discard(ImmutableArray<string> ids, bool all, string actor)
    {
        var (chosen, notFound) = Choose(ids, all);
        if (chosen.Count > 0)
        {
            var summary = chosen.Count == 1
                ? $"discarded held {Describe(chosen[0])}"
                : string.Create(CultureInfo.InvariantCulture, $"discarded {chosen.Count} held deletes ({string.Join(", ", chosen.Take(10).Select(c => c.Id))}{(chosen.Count > 10 ? ", …" : "")})");
            await ForgetAsync(chosen, actor, WeComEventStatus.Discarded, "sync.held.discard", summary);
            await FlushAsync();
        }

        return new HeldChangeResult(chosen.Count, notFound);
    }

    private (List<HeldChange> Chosen, ImmutableArray<string> NotFound) Choose(ImmutableArray<string> ids, bool all)
    {
        if (all)
        {
            return ([.. state.State.Held], []);
        }

        var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
        var chosen = state.State.Held.Where(change => wanted.Contains(change.Id)).ToList();
        var found = chosen.Select(change => change.Id).ToHashSet(StringComparer.Ordinal);
        return (chosen, [.. ids.Where(id => !found.Contains(id)).Distinct(StringComparer.Ordinal)]);
    }

    // The removal, its audit entry and the decision its events are to record are one write: all or none.
    private async Task ForgetAsync(
        IReadOnlyCollection<HeldChange> changes, string actor, WeComEventStatus decided, string action, string summary)
    {
        var ids = changes.Select(change => change.Id).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var next = copier.Copy(state.State);
        next.Held.RemoveAll(change => ids.Contains(change.Id));
        next.PendingAudit.Add(new AuditEntry(0, now, actor, action, $"connector/{Ids.ConnectorId}/held", summary));
        next.PendingDecisions.AddRange(changes.Select(change => new HeldEventDecision(change.UserId, change.DepartmentId, decided, actor, now)));
        await state.WriteOrRevertAsync(next);
    }

    private async Task FlushAsync()
    {
        await PendingAudit.FlushAsync(
            GrainFactory, Ids.TenantId, state.State.PendingAudit, () => state.WriteStateAsync(), logger, this.GetPrimaryKeyString());
        if (state.State.PendingDecisions.Count == 0)
        {
            return;
        }

        // At least once: a decision recorded twice finds its events decided already and changes nothing.
        try
        {
            await GrainFactory.GetGrain<IWeComEventInboxGrain>(this.GetPrimaryKeyString()).Decide([.. state.State.PendingDecisions]);
            state.State.PendingDecisions.Clear();
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            IncrementalLog.DecisionsNotRecorded(logger, ex, Ids.TenantId, Ids.ConnectorId, state.State.PendingDecisions.Count);
        }
    }

    private static int Max(DeleteBudget budget, HeldChangeKind kind) =>
        kind == HeldChangeKind.OrganizationDelete ? budget.MaxOrganizationDeletes : budget.MaxAccountDeletes;

    private static long Number(HeldChange change) => long.Parse(change.Id.AsSpan(2), CultureInfo.InvariantCulture);

    private static string Describe(HeldChange change) => $"{change.Id} ({change.Key}: {change.Description})";
}
