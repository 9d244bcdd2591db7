namespace Grid.Abstractions.Sync;

/// <summary>
/// What protection made of a run's plan: the deletions it plans against the thresholds in force.
/// A run whose verdict is <see cref="Exceeded"/> ends Protected and applies nothing until approved.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.sync-protection-verdict")]
public sealed record SyncProtectionVerdict(
    [property: Id(0)] bool Exceeded,
    [property: Id(1)] int AccountDeletes,
    [property: Id(2)] int MaxAccountDeletes,
    [property: Id(3)] int OrganizationDeletes,
    [property: Id(4)] int MaxOrganizationDeletes,
    [property: Id(5)] string Reason);
