using Grid.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Grid.Host.Tests.Persistence;

/// <summary>Orleans.Persistence.AdoNet on our PostgreSQL schema, through real grains.</summary>
[Collection(StorageCollection.Name)]
public sealed class GrainStorageTests(StorageClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Cluster.GrainFactory;

    [Fact]
    public async Task Write_ThenReactivate_ReadsTheSameStateFromPostgres()
    {
        var key = NewKey();
        var grain = _grains.GetGrain<IProbeGrain>(key);

        await grain.Write("first", 1);
        var written = await grain.Write("second", 2);
        await fixture.Cluster.DeactivateAsync(grain);
        var read = await grain.Read();

        Assert.Equal(("second", 2), (read.Text, read.Number));
        Assert.Equal(["first", "second"], read.History);
        Assert.True(read.RecordExists);
        Assert.Equal("2", written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        var row = Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, key));
        Assert.Equal(new GrainStateRow(ProbeGrain.StateName, 0, 0, key, 2, HasPayload: true), row);
    }

    [Fact]
    public async Task Write_WhenTheStoredVersionMovedOn_ThrowsInconsistentStateException()
    {
        var key = NewKey();
        var grain = _grains.GetGrain<IProbeGrain>(key);
        await grain.Write("mine", 1);

        Assert.Equal(1, await GrainStateTable.BumpVersionAsync(fixture.ServiceId, ProbeGrain.StateName, key));
        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Write("stale", 2));

        // Orleans drops the activation after the conflict; the next one reads the stored row and can write again.
        var recovered = await grain.Write("fresh", 3);
        Assert.Equal(("fresh", "3"), (recovered.Text, recovered.ETag));
        Assert.Equal(["mine", "fresh"], recovered.History);
    }

    [Fact]
    public async Task FirstWrite_WhenAnotherWriterCreatedTheRow_ThrowsInconsistentStateException()
    {
        var grain = _grains.GetGrain<IProbeGrain>(NewKey());
        var seen = await grain.Read();
        Assert.Null(seen.ETag);

        await WriteAsAnotherActivationAsync(grain, ProbeGrain.StateName, "other");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Write("mine", 1));
        Assert.Equal("other", (await grain.Read()).Text);
    }

    [Fact]
    public async Task FirstWrite_OnAnIntegerKeyWhenAnotherWriterCreatedTheRow_ThrowsInconsistentStateException()
    {
        // An integer key has no key string (grain_id_ext is NULL): the unique index must still see one grain.
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        var grain = _grains.GetGrain<INumberedProbeGrain>(key);
        await grain.Read();

        await WriteAsAnotherActivationAsync(grain, NumberedProbeGrain.StateName, "other");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Write("mine", 1));
        var row = Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, NumberedProbeGrain.StateName, key: null, n1: key));
        Assert.Equal(new GrainStateRow(NumberedProbeGrain.StateName, 0, key, null, 1, HasPayload: true), row);
    }

    [Fact]
    public async Task Clear_ThenReactivate_ReadsTheDefaultStateAndWritesContinueTheVersion()
    {
        var key = NewKey();
        var grain = _grains.GetGrain<IProbeGrain>(key);
        await grain.Write("doomed", 7);

        var cleared = await grain.Clear();
        await fixture.Cluster.DeactivateAsync(grain);
        var read = await grain.Read();

        Assert.Equal(("", 0, false, "2"), (cleared.Text, cleared.Number, cleared.RecordExists, cleared.ETag));
        Assert.Equal(("", 0, false, "2"), (read.Text, read.Number, read.RecordExists, read.ETag));
        Assert.Empty(read.History);
        Assert.Equal("3", (await grain.Write("reborn", 1)).ETag);
        Assert.Equal(3, Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, key)).Version);
    }

    [Fact]
    public async Task Clear_WhenTheStoredVersionMovedOn_ThrowsInconsistentStateException()
    {
        var key = NewKey();
        var grain = _grains.GetGrain<IProbeGrain>(key);
        await grain.Write("kept", 1);

        await GrainStateTable.BumpVersionAsync(fixture.ServiceId, ProbeGrain.StateName, key);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Clear());
        var row = Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, key));
        Assert.True(row.HasPayload);
    }

    [Fact]
    public async Task Clear_WithDeleteStateOnClear_RemovesTheRow()
    {
        var key = NewKey();
        var grain = _grains.GetGrain<IDeletingProbeGrain>(key);
        await grain.Write("doomed", 7);

        var cleared = await grain.Clear();
        await fixture.Cluster.DeactivateAsync(grain);
        var read = await grain.Read();

        Assert.Empty(await GrainStateTable.ReadAsync(fixture.ServiceId, DeletingProbeGrain.StateName, key));
        Assert.Equal((false, null), (cleared.RecordExists, cleared.ETag));
        Assert.Equal(("", false, null), (read.Text, read.RecordExists, read.ETag));
        Assert.Equal("1", (await grain.Write("reborn", 1)).ETag);
    }

    [Fact]
    public async Task TwoGrainTypes_WithTheSameKeyAndStateName_ShareOneRow()
    {
        // Orleans' ADO.NET provider keys a row by state name and grain key, not by grain type. This is why persisted
        // state names must be unique across grain classes (PersistentStateNameTests).
        var key = NewKey();
        await _grains.GetGrain<IProbeGrain>(key).Write("written by probe", 1);

        var twin = await _grains.GetGrain<ITwinProbeGrain>(key).Read();

        Assert.Equal("written by probe", twin.Text);
        Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, key));
    }

    /// <summary>Writes through the silo's "grid" provider directly, as a second activation of the grain would.</summary>
    private async Task WriteAsAnotherActivationAsync(IAddressable grain, string stateName, string text)
    {
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(OrleansHostingExtensions.StorageName);
        var state = new GrainState<ProbeState>(new ProbeState { Text = text, History = [text] });
        await storage.WriteStateAsync(stateName, grain.GetGrainId(), state);
        Assert.Equal("1", state.ETag);
    }

    private static string NewKey() => $"t-{Guid.NewGuid():N}/probe";
}
