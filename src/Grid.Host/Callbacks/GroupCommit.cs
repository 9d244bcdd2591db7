using System.Threading.Channels;

namespace Grid.Host.Callbacks;

/// <summary>
/// Group commit across threads: callers enqueue an item and await its result; one loop takes everything queued (up
/// to <c>maxBatch</c>) and hands it to the flush function as one batch, so N concurrent callers cost one round trip.
/// Under light load a batch is one item and waits for nothing; under heavy load batches grow by themselves while the
/// previous one commits. With <c>maxInFlight</c> above one, that many batches commit at once (each on its own
/// connection): the next batch forms while the others are in flight.
/// </summary>
internal sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Completion)> _queue =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _flush;
    private readonly int _maxBatch;
    private readonly SemaphoreSlim _inFlight;
    private readonly Task _loop;

    public GroupCommit(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> flush, int maxBatch, int maxInFlight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _flush = flush;
        _maxBatch = maxBatch;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
        _loop = Task.Run(LoopAsync);
    }

    public Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((item, completion)))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<TItem, TResult>));
        }

        // A caller that gives up does not take its item out of the batch: it may be committed all the same.
        return completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var flushes = new HashSet<Task>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await _inFlight.WaitAsync().ConfigureAwait(false);
            var batch = new List<(TItem Item, TaskCompletionSource<TResult> Completion)>(_maxBatch);
            while (batch.Count < _maxBatch && reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            var flush = FlushAsync(batch);
            lock (flushes)
            {
                flushes.Add(flush);
            }

            _ = flush.ContinueWith(
                done =>
                {
                    lock (flushes)
                    {
                        flushes.Remove(done);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        Task[] pending;
        lock (flushes)
        {
            pending = [.. flushes];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        _inFlight.Dispose();
    }

    // Never throws: a failed flush fails its own batch's callers, and frees its slot for the next batch.
    private async Task FlushAsync(List<(TItem Item, TaskCompletionSource<TResult> Completion)> batch)
    {
        try
        {
            var results = await _flush([.. batch.Select(entry => entry.Item)]).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var entry in batch)
            {
                entry.Completion.TrySetException(ex);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
