using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Grains.Directory;

/// <summary>
/// Part of one roster bucket's items, key <c>{tenant}/{roster}/{bucket}/{n}</c>. Its bucket alone reads and writes it,
/// so that adding an item to a large roster rewrites a segment of a few dozen items rather than the whole bucket.
/// </summary>
[Alias("grid.IRosterSegmentGrain")]
public interface IRosterSegmentGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("Read")]
    Task<RosterSegment> Read();

    /// <summary>
    /// Stores <paramref name="items"/> as the segment's whole content if it is still at <paramref name="expectedVersion"/>,
    /// and returns the new version; otherwise a conflict, so that an activation of the bucket working from an older read
    /// (two activations while a silo leaves) never overwrites items it did not see.
    /// </summary>
    [Alias("Store")]
    Task<long> Store(long expectedVersion, ImmutableArray<string> items);
}

/// <summary>A segment's items and the version they were stored at.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.roster-segment")]
public sealed record RosterSegment(ImmutableArray<string> Items, long Version);
