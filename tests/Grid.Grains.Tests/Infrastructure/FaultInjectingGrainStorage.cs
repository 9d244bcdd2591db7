using Orleans.Storage;

namespace Grid.Grains.Tests.Infrastructure;

/// <summary>The "grid" grain storage of the test cluster: memory storage whose writes can be made to fail.</summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfFailing(stateName, grainId);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfFailing(stateName, grainId);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private void ThrowIfFailing(string stateName, GrainId grainId)
    {
        if (faults.FailWrites?.Invoke(stateName, grainId) == true)
        {
            throw new InvalidOperationException($"Injected storage failure writing {stateName} of {grainId}.");
        }
    }
}
