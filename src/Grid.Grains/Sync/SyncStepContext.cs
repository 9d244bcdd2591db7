namespace Grid.Grains.Sync;

/// <summary>What every step of a run shares when it is applied.</summary>
/// <param name="RunId">The sync run applying the step.</param>
/// <param name="ExternalIdSource">The external-id source of this connector's members and departments: <c>wecom:{corpId}</c>.</param>
[GenerateSerializer, Immutable, Alias("grid.sync-step-context")]
public sealed record SyncStepContext(
    [property: Id(0)] string RunId,
    [property: Id(1)] string ExternalIdSource);
