namespace Grid.Grains.Sync;

/// <summary>What a member or department grain did with a step.</summary>
/// <param name="Target">The account or organization the step leaves linked (null after a delete).</param>
/// <param name="Superseded">
/// True when the step was not applied because the grain had already applied a newer observation of the member or
/// department (see <see cref="SyncStepContext.ObservedAt"/>); <paramref name="Target"/> is then what stays linked.
/// </param>
[GenerateSerializer, Immutable, Alias("grid.sync-step-applied")]
public sealed record SyncStepApplied([property: Id(0)] string? Target, [property: Id(1)] bool Superseded = false);
