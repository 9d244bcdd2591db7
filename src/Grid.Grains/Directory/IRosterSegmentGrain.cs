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
    Task<ImmutableArray<string>> Read();

    /// <summary>Stores <paramref name="items"/> as the segment's whole content.</summary>
    [Alias("Store")]
    Task Store(ImmutableArray<string> items);
}
