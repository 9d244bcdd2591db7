namespace Grid.Grains.Sync;

/// <summary>What every step of a run shares when it is applied.</summary>
/// <param name="RunId">The sync run applying the step.</param>
/// <param name="ExternalIdSource">The external-id source of this connector's members and departments: <c>wecom:{corpId}</c>.</param>
/// <param name="ObservedAt">
/// When what the steps apply was observed in WeCom (a run: when its fetch began; a change callback: when the member or
/// department was fetched). A grain that already applied a newer observation skips the step as superseded. Null (a
/// run planned by an earlier version) always applies.
/// </param>
[GenerateSerializer, Immutable, Alias("grid.sync-step-context")]
public sealed record SyncStepContext(
    [property: Id(0)] string RunId,
    [property: Id(1)] string ExternalIdSource,
    [property: Id(2)] DateTimeOffset? ObservedAt = null);
