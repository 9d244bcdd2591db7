using Grid.Abstractions.Sessions;
using Grid.Grains.Sessions;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SessionRevocationGrainTests(ClusterFixture fixture)
{
    private const int Capacity = SessionRevocationGrain.SegmentCapacity;

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Add_BeyondOneSegment_WritesOnlyTheCurrentSegment_AndListsEveryRevocationWithGrowingVersions()
    {
        var key = "test-" + Guid.NewGuid().ToString("N");
        var list = Grains.GetGrain<ISessionRevocationGrain>(key);
        var until = fixture.Time.GetUtcNow().AddMinutes(10);
        var versions = new List<long>();
        for (var i = 0; i < (2 * Capacity) + 5; i++)
        {
            await list.Add(new RevokedSession("t", $"ses_{i}", until));
            versions.Add((await list.GetSince(-1))!.Version);
        }

        var listed = await list.GetSince(0);
        var stored = await RawState.ReadAsync<SessionRevocationState>(fixture, "session-revocations", list);
        var segments = await Task.WhenAll(Enumerable.Range(0, 3).Select(n =>
            RawState.ReadAsync<SessionRevocationSegmentState>(fixture, "session-revocation-segment", Segment(key, n))));

        Assert.Equal((2 * Capacity) + 5, listed!.Sessions.Length);
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Null(await list.GetSince(listed.Version));
        Assert.Equal((0, 2), (stored.FirstSegment, stored.CurrentSegment));
        Assert.Equal([Capacity, Capacity, 5], segments.Select(s => s.Sessions.Count));
    }

    [Fact]
    public async Task AReactivatedList_ReadsItsSegments_KeepsItsVersion_AndDropsSegmentsWhoseRevocationsExpired()
    {
        var key = "test-" + Guid.NewGuid().ToString("N");
        var list = Grains.GetGrain<ISessionRevocationGrain>(key);
        var now = fixture.Time.GetUtcNow();
        for (var i = 0; i < Capacity; i++)
        {
            await list.Add(new RevokedSession("t", $"ses_old{i}", now.AddMinutes(1)));
        }

        await list.Add(new RevokedSession("t", "ses_new", now.AddHours(1)));
        var before = (await list.GetSince(0))!.Version;

        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await list.GetSince(0);
        var stored = await RawState.ReadAsync<SessionRevocationState>(fixture, "session-revocations", list);
        var dropped = await RawState.ReadAsync<SessionRevocationSegmentState>(fixture, "session-revocation-segment", Segment(key, 0));

        Assert.Equal(before, after!.Version);
        Assert.Equal("ses_new", Assert.Single(after.Sessions).SessionId);
        Assert.Equal((1, 1), (stored.FirstSegment, stored.CurrentSegment));
        Assert.Empty(dropped.Sessions);
    }

    private ISessionRevocationSegmentGrain Segment(string key, int number) =>
        Grains.GetGrain<ISessionRevocationSegmentGrain>($"{key}/{number}");
}
