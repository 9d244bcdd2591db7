using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

/// <summary>The outcome of one step of a chunk, by the step's index in the plan.</summary>
[GenerateSerializer, Immutable, Alias("grid.sync-step-result")]
public sealed record SyncStepResult(
    [property: Id(0)] long Index,
    [property: Id(1)] SyncStepOutcome Outcome,
    [property: Id(2)] string Target,
    [property: Id(3)] string? Error);
