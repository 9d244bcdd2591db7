using System.Collections.Immutable;

namespace Grid.Grains.Directory;

/// <summary>Items of one roster bucket after a position, and whether the bucket holds more.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.roster-slice")]
public sealed record RosterSlice(ImmutableArray<string> Items, bool More);
