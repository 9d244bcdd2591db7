using System.Collections.Immutable;

namespace Grid.Abstractions.Sync;

/// <summary>A page of a connector's runs, newest first.</summary>
/// <param name="Runs">The runs of this page.</param>
/// <param name="NextPageToken">Pass it to get the next page; empty on the last page.</param>
[GenerateSerializer, Immutable, Alias("grid.sync-run-page")]
public sealed record SyncRunPage(
    [property: Id(0)] ImmutableArray<SyncRun> Runs,
    [property: Id(1)] string NextPageToken);
