using System.Collections.Immutable;

namespace Grid.Abstractions.Sync;

/// <summary>A page of a run's plan, in plan order.</summary>
/// <param name="Steps">The steps of this page.</param>
/// <param name="NextPageToken">Pass it to get the next page; empty on the last page.</param>
/// <param name="TotalSteps">Steps in the whole plan.</param>
[GenerateSerializer, Immutable, Alias("grid.sync-run-step-page")]
public sealed record SyncRunStepPage(
    [property: Id(0)] ImmutableArray<SyncRunStep> Steps,
    [property: Id(1)] string NextPageToken,
    [property: Id(2)] long TotalSteps);
