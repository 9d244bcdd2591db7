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
    /// last item of the page when more may follow. Each bucket is first asked for about its share of the page (items
    /// spread evenly by hash), not for a whole page: the merge is exact up to the lowest last item of a bucket that
    /// has more, and only the buckets that may still hold items of the page are asked again, for twice as many.
    /// </summary>
    public static async Task<(ImmutableArray<string> Items, string? Next)> PageAsync(
        IGrainFactory grains, string tenantId, string roster, string? after, int pageSize)
    {
        var buckets = BucketsOf(roster);
        var share = Math.Min(pageSize, (2 * pageSize / buckets) + 4);
        var held = new List<string>();
        var last = new string?[buckets];
        var more = new bool[buckets];
        var ask = Enumerable.Range(0, buckets).ToArray();
        while (true)
        {
            var slices = await Task.WhenAll(ask.Select(b => Bucket(grains, tenantId, roster, b).After(last[b] ?? after, share)));
            for (var i = 0; i < ask.Length; i++)
            {
                var (bucket, slice) = (ask[i], slices[i]);
                held.AddRange(slice.Items);
                more[bucket] = slice.More && slice.Items.Length > 0;
                last[bucket] = slice.Items.Length > 0 ? slice.Items[^1] : last[bucket];
            }

            held.Sort(StringComparer.Ordinal);
            var cutoff = Enumerable.Range(0, buckets).Where(b => more[b]).Select(b => last[b]!).Min(StringComparer.Ordinal);
            var exact = cutoff is null ? held.Count : CountUpTo(held, cutoff);
            if (cutoff is null || exact >= pageSize)
            {
                var items = held.Take(Math.Min(exact, pageSize)).ToImmutableArray();
                var follows = held.Count > items.Length || more.Any(m => m);
                return (items, follows && items.Length > 0 ? items[^1] : null);
            }

            // Fewer than a page is known complete: the buckets that stopped below the page's last item so far go on.
            var bound = held.Count >= pageSize ? held[pageSize - 1] : null;
            ask = [.. Enumerable.Range(0, buckets).Where(b => more[b] && (bound is null || string.CompareOrdinal(last[b], bound) < 0))];
            share = Math.Min(pageSize, share * 2);
        }
    }

    // How many of the sorted items are at most the given one.
    private static int CountUpTo(List<string> sorted, string item)
    {
        var at = sorted.BinarySearch(item, StringComparer.Ordinal);
        return at >= 0 ? at + 1 : ~at;
    }
}
