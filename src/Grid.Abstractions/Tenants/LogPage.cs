using System.Collections.Immutable;

namespace Grid.Abstractions.Tenants;

/// <summary>
/// A page read from a tenant log.
/// </summary>
/// <param name="Entries">The entries (ascending for Read, descending for ReadBackward).</param>
/// <param name="NextToken">Where to continue: for Read the last sequence returned (or the token given when there was
/// nothing new); for ReadBackward the smallest sequence returned, or 0 when the start of the retained log was reached.</param>
/// <param name="LastSequence">The newest sequence in the log when the page was read (0 for an empty log).</param>
/// <param name="FirstRetainedSequence">The oldest sequence still retained.</param>
[GenerateSerializer, Immutable]
[Alias("grid.log-page`1")]
public sealed record LogPage<TEntry>(
    ImmutableArray<TEntry> Entries,
    long NextToken,
    long LastSequence,
    long FirstRetainedSequence);
