using Orleans.Concurrency;

namespace Grid.Grains.Directory;

/// <summary>
/// One bucket of a roster, key <c>{tenant}/{roster}/{bucket}</c>: a sorted set of ids. Adds and removes from
/// concurrent callers are committed together in one write.
/// </summary>
[Alias("grid.IRosterPartitionGrain")]
public interface IRosterPartitionGrain : IGrainWithStringKey
{
    /// <summary>Adds the item (no-op when present).</summary>
    [Alias("Add")]
    Task Add(string item);

    /// <summary>Removes the item (no-op when absent).</summary>
    [Alias("Remove")]
    Task Remove(string item);

    /// <summary>Up to <paramref name="max"/> items ordinally after <paramref name="after"/> (null: from the start).</summary>
    [ReadOnly]
    [Alias("After")]
    Task<RosterSlice> After(string? after, int max);
}
