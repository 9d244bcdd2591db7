using System.Globalization;
using Orleans.Storage;

namespace Grid.Host.Hosting;

/// <summary>
/// The dev profile's grain storage: state kept in this process, serialized as on PostgreSQL (so a grain gets a copy,
/// never a shared object) and guarded by ETags like every real provider. Written here because Orleans' memory storage
/// keeps its data in grains, which a stopping silo deactivates along with the others: every grain that writes while it
/// deactivates then fails, retried and logged hundreds of times at each Ctrl+C.
/// </summary>
public sealed class ProcessMemoryGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), (BinaryData Data, long Version)> _records = [];
    private long _versions;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        (BinaryData Data, long Version) record;
        bool found;
        lock (_records)
        {
            found = _records.TryGetValue((stateName, grainId), out record);
        }

        if (found)
        {
            grainState.State = serializer.Deserialize<T>(record.Data);
            grainState.ETag = Tag(record.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = serializer.Serialize(grainState.State);
        lock (_records)
        {
            Check(stateName, grainId, grainState.ETag);
            var version = ++_versions;
            _records[(stateName, grainId)] = (data, version);
            grainState.ETag = Tag(version);
        }

        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_records)
        {
            Check(stateName, grainId, grainState.ETag);
            _records.Remove((stateName, grainId));
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Tag(long version) => version.ToString(CultureInfo.InvariantCulture);

    // Called under the lock: the caller must hold the stored version (or none, when nothing is stored).
    private void Check(string stateName, GrainId grainId, string? etag)
    {
        var stored = _records.TryGetValue((stateName, grainId), out var record) ? Tag(record.Version) : null;
        if (!string.Equals(stored, etag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"The state of {grainId} ({stateName}) was written by someone else (stored ETag {stored ?? "none"}, given {etag ?? "none"}).",
                stored,
                etag);
        }
    }
}
