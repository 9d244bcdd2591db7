using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Grains.Sync;

/// <summary>
/// One bucket of a connector's mapped state, key <c>{tenant}/{connectorId}/{bucket}</c> (see <see cref="SyncRoster"/>):
/// the members and departments whose stable hash falls in it, as the last sync applied them. The coordinator reads
/// every bucket in parallel to plan, and writes only the buckets whose entries changed.
/// </summary>
[Alias("grid.ISyncRosterGrain")]
public interface ISyncRosterGrain : IGrainWithStringKey
{
    /// <summary>Everything in the bucket.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<RosterBucket> Get();

    /// <summary>The entries of the given members (userids ignore case) and departments that the bucket holds.</summary>
    [ReadOnly]
    [Alias("Find")]
    Task<RosterBucket> Find(ImmutableArray<string> userIds, ImmutableArray<long> departmentIds);

    /// <summary>Applies the changes in one write; writes nothing when the bucket already holds them.</summary>
    [Alias("Apply")]
    Task Apply(RosterChanges changes);

    /// <summary>Marks a member's userid as changed to <paramref name="newUserId"/>; nothing when the member is absent.</summary>
    [Alias("MarkRenamed")]
    Task MarkRenamed(string userId, string newUserId);
}
