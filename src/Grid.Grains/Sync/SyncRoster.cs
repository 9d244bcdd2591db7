using System.Collections.Immutable;
using System.Globalization;

namespace Grid.Grains.Sync;

/// <summary>
/// A connector's mapped state, partitioned over <see cref="Buckets"/> <see cref="ISyncRosterGrain"/>s by a stable hash
/// of the lower-cased userid (members) or of the department id (departments): about 400 members per bucket at
/// 100,000 members, so no state row holds the whole roster and a run rewrites only the buckets it changes.
/// </summary>
internal static class SyncRoster
{
    public const int Buckets = 256;

    public static ISyncRosterGrain Bucket(IGrainFactory grains, string tenantId, string connectorId, int bucket) =>
        grains.GetGrain<ISyncRosterGrain>(string.Create(CultureInfo.InvariantCulture, $"{tenantId}/{connectorId}/{bucket}"));

    public static int BucketOfMember(string userId) => (int)(StableHash.Of(userId.ToLowerInvariant()) % Buckets);

    public static int BucketOfDepartment(long departmentId) =>
        (int)(StableHash.Of("d" + departmentId.ToString(CultureInfo.InvariantCulture)) % Buckets);

    /// <summary>The roster entry of one member, or null when it is not mapped.</summary>
    public static async Task<RosterMember?> FindMemberAsync(IGrainFactory grains, string tenantId, string connectorId, string userId) =>
        (await Bucket(grains, tenantId, connectorId, BucketOfMember(userId)).Find([userId], [])).Members.FirstOrDefault();

    /// <summary>The roster entry of one department, or null when it is not mapped.</summary>
    public static async Task<RosterDepartment?> FindDepartmentAsync(IGrainFactory grains, string tenantId, string connectorId, long departmentId) =>
        (await Bucket(grains, tenantId, connectorId, BucketOfDepartment(departmentId)).Find([], [departmentId])).Departments.FirstOrDefault();

    /// <summary>
    /// Reads every bucket, <paramref name="parallelism"/> at a time: each first read of a bucket is a storage read,
    /// and a burst of 256 at once would take as many database connections.
    /// </summary>
    public static async Task<ImmutableArray<RosterBucket>> ReadAllAsync(IGrainFactory grains, string tenantId, string connectorId, int parallelism)
    {
        var buckets = new RosterBucket[Buckets];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, TaskScheduler = TaskScheduler.Current };
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Buckets), options, async (b, _) => buckets[b] = await Bucket(grains, tenantId, connectorId, b).Get());
        return [.. buckets];
    }
}
