using System.Globalization;
using Grid.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Grid.Host.Tests.Persistence;

/// <summary>Grid's grain storage (PostgresGrainStorage) on our PostgreSQL schema, through real grains.</summary>
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
        var row = Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, grain.GetGrainId()));
        Assert.Equal(new GrainStateRow(ProbeGrain.StateName, "probe/" + key, 2, HasPayload: true), row);
    }

    [Fact]
    public async Task Write_WhenTheStoredVersionMovedOn_ThrowsInconsistentStateException()
    {
        var key = NewKey();
        var grain = _grains.GetGrain<IProbeGrain>(key);
        await grain.Write("mine", 1);

        Assert.Equal(1, await GrainStateTable.BumpVersionAsync(fixture.ServiceId, ProbeGrain.StateName, grain.GetGrainId()));
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
        // An integer key's grain id is the type and the number: the primary key must still see one grain.
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        var grain = _grains.GetGrain<INumberedProbeGrain>(key);
        await grain.Read();

        await WriteAsAnotherActivationAsync(grain, NumberedProbeGrain.StateName, "other");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Write("mine", 1));
        var row = Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, NumberedProbeGrain.StateName, grain.GetGrainId()));
        Assert.Equal(new GrainStateRow(NumberedProbeGrain.StateName, grain.GetGrainId().ToString(), 1, HasPayload: true), row);
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
        Assert.Equal(3, Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, grain.GetGrainId())).Version);
    }

    [Fact]
    public async Task Clear_WhenTheStoredVersionMovedOn_ThrowsInconsistentStateException()
    {
        var key = NewKey();
        var grain = _grains.GetGrain<IProbeGrain>(key);
        await grain.Write("kept", 1);

        await GrainStateTable.BumpVersionAsync(fixture.ServiceId, ProbeGrain.StateName, grain.GetGrainId());

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Clear());
        var row = Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, grain.GetGrainId()));
        Assert.True(row.HasPayload);
    }

    [Fact]
    public async Task Write_AtTheLastVersion_WrapsToOne()
    {
        var key = NewKey();
        var grain = _grains.GetGrain<IProbeGrain>(key);
        await grain.Write("old", 1);
        Assert.Equal(1, await GrainStateTable.SetVersionAsync(fixture.ServiceId, ProbeGrain.StateName, grain.GetGrainId(), int.MaxValue));
        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal(int.MaxValue.ToString(CultureInfo.InvariantCulture), (await grain.Read()).ETag);
        var wrapped = await grain.Write("new", 2);

        Assert.Equal("1", wrapped.ETag);
        Assert.Equal(1, Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, grain.GetGrainId())).Version);
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(("new", "1"), ((await grain.Read()).Text, (await grain.Read()).ETag));
    }

    [Fact]
    public async Task TwoGrainTypes_WithTheSameKeyAndStateName_KeepSeparateRows()
    {
        // Rows are keyed by the full grain id ("type/key"), not by the key alone as Orleans' ADO.NET provider keyed them:
        // two grain classes may use the same state name.
        var key = NewKey();
        var probe = _grains.GetGrain<IProbeGrain>(key);
        await probe.Write("written by probe", 1);
        var twin = _grains.GetGrain<ITwinProbeGrain>(key);

        var read = await twin.Read();
        await twin.Write("written by twin", 2);

        Assert.Equal(("", false, null), (read.Text, read.RecordExists, read.ETag));
        Assert.Equal("written by probe", (await probe.Read()).Text);
        Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, probe.GetGrainId()));
        Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, ProbeGrain.StateName, twin.GetGrainId()));
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
