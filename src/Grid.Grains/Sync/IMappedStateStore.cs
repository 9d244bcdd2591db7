using System.Collections.Immutable;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Grains.Sync;

/// <summary>What a connector last applied (read to plan, recorded step by step) and the accounts new members may adopt.</summary>
internal interface IMappedStateStore
{
    /// <summary>The mapped state, and the userid changes reported by WeCom and not applied yet (old → new).</summary>
    Task<(MappedState Mapped, IReadOnlyDictionary<string, string> Renames)> ReadAsync();

    /// <summary>
    /// The entries of the given members and departments (those that are mapped), and the userid changes pending for
    /// those members (old → new): the mapped state an incremental plan needs.
    /// </summary>
    Task<(MappedState Mapped, IReadOnlyDictionary<string, string> Renames)> ReadEntriesAsync(
        IReadOnlyCollection<string> userIds, IReadOnlyCollection<long> departmentIds);

    /// <summary>Existing accounts the match rule finds for members new to the connector: match value → account id.</summary>
    Task<IReadOnlyDictionary<string, string>> FindAdoptionCandidatesAsync(
        SourceSnapshot snapshot,
        MappedState mapped,
        IReadOnlyDictionary<string, string> renames,
        ConnectorSyncSettings settings,
        CancellationToken cancellationToken);

    /// <summary>
    /// Records the results of the applied steps of one chunk (<paramref name="results"/> aligned with
    /// <paramref name="steps"/>), applied in <paramref name="context"/> (its run and when what it applied was observed
    /// in WeCom): an entry recorded from a newer observation meanwhile is kept.
    /// </summary>
    Task RecordAsync(ImmutableArray<SyncStepRecord> steps, IReadOnlyList<SyncStepResult> results, SyncStepContext context);
}
