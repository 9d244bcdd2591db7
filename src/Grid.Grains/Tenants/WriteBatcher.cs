namespace Grid.Grains.Tenants;

/// <summary>
/// Group commit for a reentrant grain: callers enqueue items and await their result; one loop at a time takes every
/// queued item and hands the batch to a flush function (typically one state write), so N concurrent callers cost
/// one write instead of N. Runs on the grain's scheduler, so no locking is needed.
/// </summary>
internal sealed class WriteBatcher<TItem, TResult>
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _flush;
    private readonly List<(TItem Item, TaskCompletionSource<TResult> Completion)> _queue = [];
    private bool _flushing;

    public WriteBatcher(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> flush) => _flush = flush;

    public Task<TResult> EnqueueAsync(TItem item)
    {
        var completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((item, completion));
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushLoopAsync();
        }

        return completion.Task;
    }

    private async Task FlushLoopAsync()
    {
        // Let the callers that are already scheduled join the first batch.
        await Task.Yield();
        try
        {
            while (_queue.Count > 0)
            {
                var batch = _queue.ToArray();
                _queue.Clear();
                try
                {
                    var results = await _flush([.. batch.Select(entry => entry.Item)]);
                    for (var i = 0; i < batch.Length; i++)
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
            }
        }
        finally
        {
            _flushing = false;
        }
    }
}
