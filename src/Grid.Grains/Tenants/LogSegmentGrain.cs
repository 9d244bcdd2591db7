using System.Collections.Immutable;
using Grid.Abstractions.Tenants;

namespace Grid.Grains.Tenants;

/// <summary>A segment of a tenant log; concrete subclasses give the state its name.</summary>
public abstract class LogSegmentGrain<TEntry> : Grain, ILogSegmentGrain<TEntry>
    where TEntry : ILogEntry<TEntry>
{
    private readonly IPersistentState<LogSegmentState<TEntry>> _state;

    protected LogSegmentGrain(IPersistentState<LogSegmentState<TEntry>> state) => _state = state;

    public async Task<int> Append(long firstSequence, int capacity, ImmutableArray<TEntry> entries)
    {
        var stored = _state.State.Entries;
        var take = Math.Min(capacity - stored.Count, entries.Length);
        if (take <= 0)
        {
            return 0;
        }

        var next = firstSequence + stored.Count;
        var list = new List<TEntry>(stored.Count + take);
        list.AddRange(stored);
        for (var i = 0; i < take; i++)
        {
            list.Add(entries[i].WithSequence(next + i));
        }

        await _state.WriteOrRevertAsync(new LogSegmentState<TEntry> { Entries = list });
        return take;
    }

    public Task<ImmutableArray<TEntry>> Read(long after, int max) =>
        Task.FromResult(_state.State.Entries.Where(e => e.Sequence > after).Take(max).ToImmutableArray());

    public Task<ImmutableArray<TEntry>> ReadBackward(long before, int max)
    {
        var list = _state.State.Entries;
        var result = ImmutableArray.CreateBuilder<TEntry>(Math.Min(max, list.Count));
        for (var i = list.Count - 1; i >= 0 && result.Count < max; i--)
        {
            if (list[i].Sequence < before)
            {
                result.Add(list[i]);
            }
        }

        return Task.FromResult(result.ToImmutable());
    }

    public Task<int> Count() => Task.FromResult(_state.State.Entries.Count);

    public async Task Drop()
    {
        await _state.ClearStateAsync();
        _state.State = new LogSegmentState<TEntry>();
        DeactivateOnIdle();
    }
}
