using Orleans.Storage;

namespace Grid.Grains.Tests.Sync;

/// <summary>Grain storage that counts every read, and every write and clear, before passing it on.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner, GrainStateCounts writes, GrainStateCounts reads) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        reads.Count(stateName);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        writes.Count(stateName);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        writes.Count(stateName);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
