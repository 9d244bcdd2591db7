using System.Globalization;
using Grid.Grains.Tenants;
using Orleans.Concurrency;

namespace Grid.Grains.Directory;

/// <summary>
/// One bucket of a roster. Its first <see cref="SegmentCapacity"/> items are stored with it, the rest in segments of
/// at most as many (<see cref="IRosterSegmentGrain"/>), and an added item goes to the first part with room: a change
/// rewrites the parts it touches, never the whole bucket. (A 100,000-account catalog's buckets hold about 1,600 ids
/// each; when each new account rewrote its bucket whole, those rewrites were most of PostgreSQL's WAL in a first sync.)
/// Every item is held in memory in ordinal order for reads.
/// </summary>
[Reentrant]
public sealed class RosterPartitionGrain : Grain, IRosterPartitionGrain
{
    /// <summary>Items per stored part at most: what one change writes at most.</summary>
    internal const int SegmentCapacity = 64;

    private readonly IPersistentState<RosterPartitionState> _state;
    private readonly WriteBatcher<(string Item, bool Add), bool> _batcher;

    // Every item in ordinal order, and the part each is stored in (0 the bucket's own state, n segment n).
    private readonly List<string> _sorted = [];
    private readonly Dictionary<string, int> _partOf = new(StringComparer.Ordinal);
    private readonly List<HashSet<string>> _parts = [];

    // The version each segment was read or last stored at (index 0, the bucket's own state, unused: its ETag guards it).
    private readonly List<long> _versions = [];

    public RosterPartitionGrain([PersistentState("roster", "grid")] IPersistentState<RosterPartitionState> state)
    {
        _state = state;
        _batcher = new WriteBatcher<(string Item, bool Add), bool>(FlushAsync);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync();

    // Always queued, even when memory already agrees: memory may hold a batch whose write has not succeeded yet.
    public Task Add(string item) => _batcher.EnqueueAsync((item, true));

    public Task Remove(string item) => _batcher.EnqueueAsync((item, false));

    public Task<RosterSlice> After(string? after, int max)
    {
        var start = 0;
        if (after is not null)
        {
            var index = _sorted.BinarySearch(after, StringComparer.Ordinal);
            start = index >= 0 ? index + 1 : ~index;
        }

        var count = Math.Min(max, _sorted.Count - start);
        return Task.FromResult(new RosterSlice([.. _sorted.GetRange(start, count)], start + count < _sorted.Count));
    }

    private async Task LoadAsync()
    {
        var segments = await Task.WhenAll(Enumerable.Range(1, _state.State.Segments).Select(n => Segment(n).Read()));
        _sorted.Clear();
        _partOf.Clear();
        _parts.Clear();
        _versions.Clear();
        foreach (var (items, version) in segments.Select(s => (s.Items, s.Version)).Prepend(([.. _state.State.Items], 0L)))
        {
            _versions.Add(version);
            var part = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                // Never written in two parts; if it were, the first holds it and the other drops it when next written.
                if (_partOf.TryAdd(item, _parts.Count))
                {
                    part.Add(item);
                }
            }

            _parts.Add(part);
        }

        _sorted.AddRange(_partOf.Keys);
        _sorted.Sort(StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<bool>> FlushAsync(IReadOnlyList<(string Item, bool Add)> operations)
    {
        var batch = new Batch(_parts);
        var placed = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var (item, add) in operations)
        {
            var where = placed.TryGetValue(item, out var moved) ? moved : _partOf.TryGetValue(item, out var stored) ? stored : null;
            if (add && where is null)
            {
                var target = 0;
                while (batch.Count(target) >= SegmentCapacity)
                {
                    target++;
                }

                batch.Part(target).Add(item);
                placed[item] = target;
            }
            else if (!add && where is { } part)
            {
                batch.Part(part).Remove(item);
                placed[item] = null;
            }
        }

        if (batch.Changed.Count > 0)
        {
            await StoreAsync(batch.Changed);
            Apply(batch.Changed, placed);
        }

        return [.. operations.Select(_ => true)];
    }

    // The bucket's own state first (it names the segments), then the changed segments. After a failure the bucket
    // reads back what was stored, so that memory never holds a change that storage may not.
    private async Task StoreAsync(Dictionary<int, HashSet<string>> changed)
    {
        var segments = Math.Max(_state.State.Segments, changed.Keys.Max());
        try
        {
            if (changed.TryGetValue(0, out var head) || segments != _state.State.Segments)
            {
                await _state.WriteOrRevertAsync(new RosterPartitionState
                {
                    Items = [.. (head ?? _parts[0]).Order(StringComparer.Ordinal)],
                    Segments = segments,
                });
            }

            var stored = changed.Keys.Where(n => n > 0).ToList();
            var versions = await Task.WhenAll(stored.Select(n => Segment(n).Store(n < _versions.Count ? _versions[n] : 0, [.. changed[n]])));
            for (var i = 0; i < stored.Count; i++)
            {
                while (_versions.Count <= stored[i])
                {
                    _versions.Add(0);
                }

                _versions[stored[i]] = versions[i];
            }
        }
        catch
        {
            await ReloadAsync();
            throw;
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            await _state.ReadStateAsync();
            await LoadAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storage is not answering: a later activation reads what it holds.
            DeactivateOnIdle();
        }
    }

    private void Apply(Dictionary<int, HashSet<string>> changed, Dictionary<string, int?> placed)
    {
        foreach (var (n, items) in changed)
        {
            while (_parts.Count <= n)
            {
                _parts.Add(new HashSet<string>(StringComparer.Ordinal));
            }

            _parts[n] = items;
        }

        foreach (var (item, part) in placed)
        {
            var index = _sorted.BinarySearch(item, StringComparer.Ordinal);
            if (part is null)
            {
                _partOf.Remove(item);
                if (index >= 0)
                {
                    _sorted.RemoveAt(index);
                }
            }
            else
            {
                _partOf[item] = part.Value;
                if (index < 0)
                {
                    _sorted.Insert(~index, item);
                }
            }
        }
    }

    private IRosterSegmentGrain Segment(int n) =>
        GrainFactory.GetGrain<IRosterSegmentGrain>(string.Create(CultureInfo.InvariantCulture, $"{this.GetPrimaryKeyString()}/{n}"));

    // The parts one flush changes, copied on first change; the others are read from the stored ones.
    private sealed class Batch(List<HashSet<string>> stored)
    {
        public Dictionary<int, HashSet<string>> Changed { get; } = [];

        public int Count(int n) => Changed.TryGetValue(n, out var part) ? part.Count : n < stored.Count ? stored[n].Count : 0;

        public HashSet<string> Part(int n)
        {
            if (!Changed.TryGetValue(n, out var part))
            {
                part = n < stored.Count ? new HashSet<string>(stored[n], StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);
                Changed[n] = part;
            }

            return part;
        }
    }
}
