namespace Grid.Abstractions.Sync;

/// <summary>Progress of a run's current phase.</summary>
/// <param name="Phase"><c>fetch</c>, <c>plan</c> or <c>apply</c> (empty before the run starts).</param>
/// <param name="Completed">Units done in this phase: departments and member pages fetched, or steps applied.</param>
/// <param name="Total">Units in this phase when known, 0 when unknown.</param>
[GenerateSerializer, Immutable, Alias("grid.sync-run-progress")]
public sealed record SyncRunProgress(
    [property: Id(0)] string Phase,
    [property: Id(1)] long Completed,
    [property: Id(2)] long Total)
{
    public static SyncRunProgress None { get; } = new(string.Empty, 0, 0);
}
