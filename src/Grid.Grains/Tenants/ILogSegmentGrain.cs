using System.Collections.Immutable;
using Grid.Abstractions.Tenants;

namespace Grid.Grains.Tenants;

/// <summary>
/// One segment of a tenant log, key <c>{tenant}/{segment number}</c>: at most a fixed number of consecutive entries in
/// one state row. Written only by its log grain.
/// </summary>
public interface ILogSegmentGrain<TEntry> : IGrainWithStringKey
    where TEntry : ILogEntry<TEntry>
{
    /// <summary>
    /// Appends as many entries as fit (numbering them from <paramref name="firstSequence"/> + current count) and
    /// returns how many were taken.
    /// </summary>
    [Alias("Append")]
    Task<int> Append(long firstSequence, int capacity, ImmutableArray<TEntry> entries);

    /// <summary>Up to <paramref name="max"/> entries with a sequence greater than <paramref name="after"/>, ascending.</summary>
    [Alias("Read")]
    Task<ImmutableArray<TEntry>> Read(long after, int max);

    /// <summary>Up to <paramref name="max"/> entries with a sequence less than <paramref name="before"/>, descending.</summary>
    [Alias("ReadBackward")]
    Task<ImmutableArray<TEntry>> ReadBackward(long before, int max);

    /// <summary>How many entries the segment holds.</summary>
    [Alias("Count")]
    Task<int> Count();

    /// <summary>Deletes the segment's state (retention).</summary>
    [Alias("Drop")]
    Task Drop();
}
