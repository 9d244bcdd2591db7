using Grid.Abstractions;
using Grid.Grains.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Directory;

[Collection(ClusterCollection.Name)]
public sealed class RosterPartitionTests(ClusterFixture fixture)
{
    private const int Capacity = RosterPartitionGrain.SegmentCapacity;

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Add_BeyondTheFirstPart_StoresNoPartOfMoreThanItsCapacity_AndAnotherActivationReadsEveryItem()
    {
        var bucket = await NewBucketAsync();
        var items = Ids(0, (4 * Capacity) + 10);

        await Task.WhenAll(items.Select(bucket.Add));
        var head = await RawState.ReadAsync<RosterPartitionState>(fixture, "roster", bucket);
        var segments = await SegmentsAsync(bucket, head.Segments);
        await fixture.Cluster.DeactivateAsync(bucket);
        var read = await bucket.After(null, 1000);

        Assert.Equal(4, head.Segments);
        Assert.All(segments.Prepend(head.Items), part => Assert.InRange(part.Count, 1, Capacity));
        Assert.Equal(items, segments.Prepend(head.Items).SelectMany(part => part).Order(StringComparer.Ordinal));
        Assert.Equal(items, read.Items);
        Assert.False(read.More);
    }

    [Fact]
    public async Task Remove_OfAnItemInASegment_RewritesThatSegment_AndTheRoomItLeftTakesTheNextAdd()
    {
        var bucket = await NewBucketAsync();
        var items = Ids(0, (2 * Capacity) + 5);
        await Task.WhenAll(items.Select(bucket.Add));
        var before = await RawState.ReadAsync<RosterPartitionState>(fixture, "roster", bucket);
        var leaving = (await SegmentsAsync(bucket, 1))[0][3];

        await bucket.Remove(leaving);
        await bucket.Add("zz-new");
        var head = await RawState.ReadAsync<RosterPartitionState>(fixture, "roster", bucket);
        var first = (await SegmentsAsync(bucket, 1))[0];
        var slice = await bucket.After(null, 1000);

        Assert.Equal(before.Items, head.Items);
        Assert.DoesNotContain(leaving, first);
        Assert.Contains("zz-new", first);
        Assert.Equal(Capacity, first.Count);
        Assert.Equal(items.Where(id => id != leaving).Append("zz-new").Order(StringComparer.Ordinal), slice.Items);
    }

    [Fact]
    public async Task ABucketStoredWholeBeforeSegments_IsReadWhole_GrowsIntoSegments_AndLosesItsRemovedItems()
    {
        var bucket = await NewBucketAsync();
        var items = Ids(0, (3 * Capacity) + 1);
        await fixture.Storage.WriteStateAsync("roster", bucket.GetGrainId(), new GrainState<RosterPartitionState>(new() { Items = items }));

        await bucket.Add("zz-new");
        await bucket.Remove(items[7]);
        await fixture.Cluster.DeactivateAsync(bucket);
        var head = await RawState.ReadAsync<RosterPartitionState>(fixture, "roster", bucket);
        var read = await bucket.After(null, 1000);

        Assert.Equal(1, head.Segments);
        Assert.Equal(["zz-new"], (await SegmentsAsync(bucket, 1))[0]);
        Assert.Equal(items.Where((_, i) => i != 7), head.Items);
        Assert.Equal(items.Where((_, i) => i != 7).Append("zz-new"), read.Items);
    }

    [Fact]
    public async Task Add_WhoseSegmentWriteFails_IsRefusedAndNotListed_AndSucceedsWhenStorageAnswersAgain()
    {
        var bucket = await NewBucketAsync();
        var items = Ids(0, Capacity);
        await Task.WhenAll(items.Select(bucket.Add));

        using (fixture.StorageFaults.FailWhile((name, _) => name == "roster-segment"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => bucket.Add("zz-new"));
            Assert.Equal(items, (await bucket.After(null, 1000)).Items);
        }

        await bucket.Add("zz-new");
        var listed = await bucket.After(null, 1000);
        Assert.Equal(string.Join(",", items.Append("zz-new")), string.Join(",", listed.Items));
        Assert.Equal(["zz-new"], (await SegmentsAsync(bucket, 1))[0]);
    }

    [Fact]
    public async Task Add_OverASegmentAnotherActivationOfTheBucketChanged_IsRefusedOnce_AndThenKeepsBothItems()
    {
        // Two activations of one bucket can overlap while a silo leaves: the one working from an older read of a
        // segment must not overwrite what the other stored there.
        var bucket = await NewBucketAsync();
        await Task.WhenAll(Ids(0, Capacity + 1).Select(bucket.Add));
        var segment = Grains.GetGrain<IRosterSegmentGrain>($"{bucket.GetPrimaryKeyString()}/1");
        var read = await segment.Read();
        await segment.Store(read.Version, [.. read.Items, "zz-other"]);

        await Assert.ThrowsAsync<GridException>(() => bucket.Add("zz-new"));
        await bucket.Add("zz-new");
        var stored = (await SegmentsAsync(bucket, 1))[0];
        var listed = await bucket.After(null, 1000);

        Assert.Equal([.. read.Items, "zz-new", "zz-other"], stored);
        Assert.Contains("zz-other", listed.Items);
        Assert.Contains("zz-new", listed.Items);
    }

    private async Task<IRosterPartitionGrain> NewBucketAsync() =>
        Rosters.Bucket(Grains, await TestIds.NewTenantAsync(Grains), "members.org_segments", 0);

    private async Task<List<List<string>>> SegmentsAsync(IRosterPartitionGrain bucket, int count)
    {
        var key = bucket.GetPrimaryKeyString();
        var parts = new List<List<string>>();
        for (var n = 1; n <= count; n++)
        {
            var segment = Grains.GetGrain<IRosterSegmentGrain>($"{key}/{n}");
            parts.Add((await RawState.ReadAsync<RosterSegmentState>(fixture, "roster-segment", segment)).Items);
        }

        return parts;
    }

    private static List<string> Ids(int from, int count) => [.. Enumerable.Range(from, count).Select(i => $"acc_{i:D4}")];
}
