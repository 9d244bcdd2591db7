using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

/// <summary>
/// Delivers the outbox a directory grain writes with its state: the grain's own side effects first, then the change
/// feed, retried on a timer until done. The emptied outbox is only cleared in memory; the next write (or the
/// deactivation) persists it. Owned by one grain activation and called on its turns only.
/// </summary>
/// <param name="grain">The owning grain; the retry timer is its own and keeps it alive.</param>
/// <param name="state">The owning grain's state.</param>
/// <param name="changeFeed">Where the outbox's entries go once <paramref name="deliver"/> succeeded.</param>
/// <param name="deliver">The grain's own side effects; must be safe to repeat.</param>
/// <param name="flushFailed">Logs a failed delivery (a retry follows).</param>
/// <param name="clearFailed">Logs a failed write of the emptied outbox at deactivation.</param>
internal sealed class OutboxRelay<TState, TOutbox>(
    IGrainBase grain,
    IPersistentState<TState> state,
    IChangeFeedGrain changeFeed,
    Func<TOutbox, Task> deliver,
    Action<Exception> flushFailed,
    Action<Exception> clearFailed)
    where TState : IOutboxState<TOutbox>
    where TOutbox : IDirectoryOutbox, new()
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    private bool _persisted;
    private IGrainTimer? _retryTimer;

    /// <summary>Called from the grain's activation.</summary>
    public void Resume()
    {
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

    /// <summary>Makes <paramref name="next"/> the state and stores it, or leaves the state as it was.</summary>
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
                await changeFeed.Append([.. outbox.Entries]);
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
