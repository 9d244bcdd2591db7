using Grid.Grains.Tenants;
using Orleans.Concurrency;

namespace Grid.Grains.Directory;

[Reentrant]
public sealed class RosterPartitionGrain : Grain, IRosterPartitionGrain
{
    private readonly IPersistentState<RosterPartitionState> _state;
    private readonly WriteBatcher<(string Item, bool Add), bool> _batcher;

    public RosterPartitionGrain([PersistentState("roster", "grid")] IPersistentState<RosterPartitionState> state)
    {
        _state = state;
        _batcher = new WriteBatcher<(string Item, bool Add), bool>(FlushAsync);
    }

    // Always queued, even when memory already agrees: memory may hold a batch whose write has not succeeded yet.
    public Task Add(string item) => _batcher.EnqueueAsync((item, true));

    public Task Remove(string item) => _batcher.EnqueueAsync((item, false));

    public Task<RosterSlice> After(string? after, int max)
    {
        var items = _state.State.Items;
        var start = 0;
        if (after is not null)
        {
            var index = items.BinarySearch(after, StringComparer.Ordinal);
            start = index >= 0 ? index + 1 : ~index;
        }

        var count = Math.Min(max, items.Count - start);
        return Task.FromResult(new RosterSlice([.. items.GetRange(start, count)], start + count < items.Count));
    }

    private async Task<IReadOnlyList<bool>> FlushAsync(IReadOnlyList<(string Item, bool Add)> operations)
    {
        var items = new List<string>(_state.State.Items);
        var changed = false;
        foreach (var (item, add) in operations)
        {
            var index = items.BinarySearch(item, StringComparer.Ordinal);
            if (add && index < 0)
            {
                items.Insert(~index, item);
                changed = true;
            }
            else if (!add && index >= 0)
            {
                items.RemoveAt(index);
                changed = true;
            }
        }

        if (changed)
        {
            await _state.WriteOrRevertAsync(new RosterPartitionState { Items = items });
        }

        return [.. operations.Select(_ => true)];
    }
}
