using Grid.Sync.Sources;
using Grid.WeCom.Api;

namespace Grid.Grains.Sync;

/// <summary>Where a run's snapshot comes from (WeCom, through <see cref="WeComSnapshotFetcher"/>), with its progress.</summary>
internal interface ISnapshotSource
{
    /// <summary>Calls completed so far.</summary>
    long Completed { get; }

    /// <summary>Calls the fetch will make, as far as known.</summary>
    long Total { get; }

    /// <summary>Whether the cross-check of members outside visible departments was refused and skipped.</summary>
    bool CrossCheckSkipped { get; }

    /// <summary>The whole visible directory; throws when any part could not be fetched.</summary>
    Task<SourceSnapshot> FetchAsync(WeComApp app, CancellationToken cancellationToken);
}
