using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

/// <summary>A normalized unique value of an account.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.unique-claim")]
public sealed record UniqueClaim(UniqueField Field, string Value);
