using Grid.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Grid.Host.Tests.Persistence;

/// <summary>The dev profile's in-process grain storage keeps the contract of a real provider.</summary>
public sealed class ProcessMemoryGrainStorageTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly ProcessMemoryGrainStorage _storage;
    private readonly GrainId _grain = GrainId.Create("probe", "one");

    public ProcessMemoryGrainStorageTests() =>
        _storage = new ProcessMemoryGrainStorage(new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()));

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task WrittenState_IsReadBackAsACopy_WithItsETag()
    {
        var written = new GrainState<ProbeState>(new ProbeState { Text = "a", Number = 1, History = ["x"] });
        await _storage.WriteStateAsync("probe", _grain, written);
        written.State!.History.Add("changed after the write");

        var read = new GrainState<ProbeState>(new ProbeState());
        await _storage.ReadStateAsync("probe", _grain, read);
        var missing = new GrainState<ProbeState>(new ProbeState());
        await _storage.ReadStateAsync("other-state", _grain, missing);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        var got = read.State!;
        Assert.Equal(("a", 1), (got.Text, got.Number));
        Assert.Equal(["x"], got.History);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);
    }

    [Fact]
    public async Task AWriteOrClearWithAStaleETag_IsRefused_AndChangesNothing()
    {
        var first = new GrainState<ProbeState>(new ProbeState { Number = 1 });
        await _storage.WriteStateAsync("probe", _grain, first);
        var stale = new GrainState<ProbeState>(new ProbeState { Number = 2 }) { ETag = first.ETag };
        await _storage.WriteStateAsync("probe", _grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("probe", _grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("probe", _grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(
            "probe", _grain, new GrainState<ProbeState>(new ProbeState { Number = 3 })));
        var read = new GrainState<ProbeState>(new ProbeState());
        await _storage.ReadStateAsync("probe", _grain, read);

        Assert.Equal(1, read.State!.Number);
        Assert.Equal(first.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_WithTheCurrentETag_RemovesTheRecord_AndANewWriteStartsAfresh()
    {
        var state = new GrainState<ProbeState>(new ProbeState { Number = 1 });
        await _storage.WriteStateAsync("probe", _grain, state);

        await _storage.ClearStateAsync("probe", _grain, state);
        var afterClear = new GrainState<ProbeState>(new ProbeState());
        await _storage.ReadStateAsync("probe", _grain, afterClear);
        await _storage.WriteStateAsync("probe", _grain, new GrainState<ProbeState>(new ProbeState { Number = 5 }));

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.False(afterClear.RecordExists);
    }
}
