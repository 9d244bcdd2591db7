using System.Collections.Immutable;
using System.Globalization;

namespace Grid.Grains.Directory;

/// <summary>
/// Partitioned sorted sets of ids (rosters): an organization's members, all live accounts of a tenant, all live
/// organizations. A roster is spread over a fixed number of <see cref="IRosterPartitionGrain"/> buckets by a stable
/// hash of the item, so no state row holds a whole roster; listing merges the buckets in ordinal order.
/// </summary>
internal static class Rosters
{
    public const string AccountCatalog = "accounts";
    public const string OrganizationCatalog = "organizations";
    public const int MemberBuckets = 16;
    public const int AccountCatalogBuckets = 64;
    public const int OrganizationCatalogBuckets = 16;

    public static string Members(string organizationId) => "members." + organizationId;

    public static int BucketsOf(string roster) => roster switch
    {
        AccountCatalog => AccountCatalogBuckets,
        OrganizationCatalog => OrganizationCatalogBuckets,
        _ => MemberBuckets,
    };

    /// <summary>The catalog entry of an organization: sorts parents before children (depth first, then id).</summary>
    public static string OrganizationEntry(int depth, string organizationId) =>
        string.Create(CultureInfo.InvariantCulture, $"{depth:D4}.{organizationId}");

    public static string OrganizationIdOf(string entry) => entry[5..];

    public static int DepthOf(string entry) => int.Parse(entry.AsSpan(0, 4), CultureInfo.InvariantCulture);

    /// <summary>
    /// The bucket of a partition item, chosen by the id part (for organization catalog entries, the part after the
    /// depth) so that an organization keeps its bucket when its depth changes.
    /// </summary>
    public static IRosterPartitionGrain Partition(IGrainFactory grains, string tenantId, string roster, string item)
    {
        var id = roster == OrganizationCatalog ? OrganizationIdOf(item) : item;
        return Bucket(grains, tenantId, roster, (int)(StableHash.Of(id) % (uint)BucketsOf(roster)));
    }

    public static IRosterPartitionGrain Bucket(IGrainFactory grains, string tenantId, string roster, int bucket) =>
        grains.GetGrain<IRosterPartitionGrain>(
            string.Create(CultureInfo.InvariantCulture, $"{tenantId}/{roster}/{bucket}"));

    /// <summary>
    /// One page of a roster in ordinal order after <paramref name="after"/> (exclusive; null for the start), and the
    /// last item of the page when more may follow.
    /// </summary>
    public static async Task<(ImmutableArray<string> Items, string? Next)> PageAsync(
        IGrainFactory grains, string tenantId, string roster, string? after, int pageSize)
    {
        var buckets = BucketsOf(roster);
        var slices = await Task.WhenAll(
            Enumerable.Range(0, buckets).Select(b => Bucket(grains, tenantId, roster, b).After(after, pageSize)));
        var merged = slices.SelectMany(s => s.Items).Order(StringComparer.Ordinal).ToList();
        var more = merged.Count > pageSize || slices.Any(s => s.More);
        var items = merged.Take(pageSize).ToImmutableArray();
        return (items, more && items.Length > 0 ? items[^1] : null);
    }
}
