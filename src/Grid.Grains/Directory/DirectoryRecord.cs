using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Tenants;
using Orleans.Serialization;

namespace Grid.Grains.Directory;

/// <summary>
/// The part that the account and organization grains share: the tenant guard, copies of the state to change, the
/// version and time stamped on every visible change with its change-feed entry, writes that leave the state as it was
/// when they fail, and the outbox written with the state. The outbox is delivered with the grain's own side effects
/// first, then the change feed, retried on a timer until done; the emptied outbox is only cleared in memory and the
/// next write (or the deactivation) persists it. Owned by one grain activation and called on its turns only.
/// </summary>
/// <param name="grain">The owning grain; the retry timer is its own and keeps it alive.</param>
/// <param name="state">The owning grain's state.</param>
/// <param name="copier">Copies the state whole, so that a field added to it later is never dropped by a change.</param>
/// <param name="grains">Reaches the tenant and its change feed, where the outbox's entries go once <paramref name="deliver"/> succeeded.</param>
/// <param name="tenantId">The tenant the object belongs to.</param>
/// <param name="time">The clock of <c>CreatedAt</c> and <c>UpdatedAt</c>.</param>
/// <param name="entry">The change-feed entry of the object as a stamped state shows it.</param>
/// <param name="deliver">The grain's own side effects; must be safe to repeat.</param>
/// <param name="flushFailed">Logs a failed delivery (a retry follows).</param>
/// <param name="clearFailed">Logs a failed write of the emptied outbox at deactivation.</param>
internal sealed class DirectoryRecord<TState, TOutbox>(
    IGrainBase grain,
    IPersistentState<TState> state,
    DeepCopier<TState> copier,
    IGrainFactory grains,
    string tenantId,
    TimeProvider time,
    Func<TState, ChangeKinds, ChangeEntry> entry,
    Func<TOutbox, Task> deliver,
    Action<Exception> flushFailed,
    Action<Exception> clearFailed)
    where TState : class, IDirectoryState<TOutbox>
    where TOutbox : IDirectoryOutbox, new()
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    private readonly TenantGuard _tenant = TenantGuard.For(grain, tenantId);
    private readonly IChangeFeedGrain _changeFeed = grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenantId));
    private bool _persisted;
    private IGrainTimer? _retryTimer;

    public TenantGuard Tenant => _tenant;

    /// <summary>Called from the grain's activation.</summary>
    public void Activate()
    {
        if (state.State.Exists)
        {
            _tenant.MarkKnown();
        }

        // A write whose side effects were not confirmed before the last deactivation (or crash): finish them right
        // after activation, not during it. The grain that activated us may be one those side effects call (an index
        // asking whether we still use a value, a parent listing its children), and both would wait until the call timed out.
        if (!state.State.Outbox.IsEmpty)
        {
            _persisted = true;
            ScheduleFlush(TimeSpan.Zero);
        }
    }

    /// <summary>Called from the grain's deactivation.</summary>
    public async Task PersistEmptiedAsync(CancellationToken cancellationToken)
    {
        // Persist the emptied outbox, so that the next activation does not replay entries already delivered.
        if (_persisted && state.State.Outbox.IsEmpty)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                clearFailed(ex);
            }
        }
    }

    /// <summary>A copy of the current state to change and pass to a write.</summary>
    public TState Copy() => copier.Copy(state.State);

    /// <summary>
    /// Stamps <paramref name="next"/> as the next version of the object (created now when it did not exist), adds
    /// its change-feed entry to the outbox and stores it, or leaves the state as it was. The outbox is not delivered yet.
    /// </summary>
    public async Task SaveAsync(TState next, ChangeKinds kinds)
    {
        var now = time.GetUtcNow();
        if (!next.Exists)
        {
            next.Exists = true;
            next.CreatedAt = now;
        }

        next.Version++;
        next.UpdatedAt = now;
        next.Outbox.Entries.Add(entry(next, kinds));
        await WriteAsync(next);
        _tenant.MarkKnown();
    }

    /// <summary><see cref="SaveAsync"/>, then delivers the outbox.</summary>
    public async Task CommitAsync(TState next, ChangeKinds kinds)
    {
        await SaveAsync(next, kinds);
        await FlushAsync();
    }

    /// <summary>Makes <paramref name="next"/> the state and stores it as it is, or leaves the state as it was.</summary>
    public async Task WriteAsync(TState next)
    {
        await state.WriteOrRevertAsync(next);
        _persisted = !next.Outbox.IsEmpty;
    }

    /// <summary>Delivers the outbox now; on failure logs and schedules a retry instead of throwing.</summary>
    public async Task FlushAsync()
    {
        var outbox = state.State.Outbox;
        if (outbox.IsEmpty)
        {
            return;
        }

        try
        {
            await deliver(outbox);
            if (outbox.Entries.Count > 0)
            {
                await _changeFeed.Append([.. outbox.Entries]);
            }

            state.State.Outbox = new TOutbox();
            _retryTimer?.Dispose();
            _retryTimer = null;
        }
        catch (Exception ex)
        {
            flushFailed(ex);
            ScheduleFlush(Retry);
        }
    }

    private void ScheduleFlush(TimeSpan due) =>
        _retryTimer ??= grain.RegisterGrainTimer(
            RetryFlushAsync,
            new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });

    private Task RetryFlushAsync(CancellationToken cancellationToken)
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
        return FlushAsync();
    }
}
