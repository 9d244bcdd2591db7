using System.Globalization;
using Grid.Host.Callbacks;
using Npgsql;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Grid.Host.Storage;

/// <summary>
/// The cluster profile's grain storage: table <c>grid_grain_state</c> (deploy/sql/postgresql/020-persistence.sql),
/// written with Npgsql. Written here by hand because Orleans' ADO.NET provider sends one statement per read, write or
/// clear, and no library offers group commit for Orleans grain state: this one does. Concurrent reads of the silo go
/// out as one <c>SELECT ... JOIN unnest(...)</c>, concurrent writes and clears as one multi-row statement, up to
/// <see cref="MaxBatch"/> states each and <see cref="MaxInFlight"/> statements of a kind at once; an idle silo's single
/// call waits for nothing, and a batch forms while the previous ones are in flight.
/// <para>
/// Per grain it behaves as the ADO.NET provider did: the ETag is the row's version (an integer that wraps from
/// 2147483647 to 1), a grain that expects no row inserts one, otherwise the row is updated only at the version the
/// grain last saw, and a mismatch raises <see cref="InconsistentStateException"/> for that grain alone while the rest
/// of its batch is written. A clear keeps the row with no payload and a new version, so stale writers still conflict.
/// Rows are keyed by service id, state name and the full grain id ("type/key"). Payloads are Orleans' binary format
/// (<see cref="OrleansGrainStorageSerializer"/>).
/// </para>
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    /// <summary>Grain states per statement at most.</summary>
    internal const int MaxBatch = 256;

    /// <summary>Statements of one kind (reads, writes) in flight at once: 16 connections at most, well under the pool of 40.</summary>
    internal const int MaxInFlight = 8;

    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly GroupCommit<GrainStateKey, StoredGrainState?> _reads;
    private readonly GroupCommit<GrainStateWrite, int?> _writes;

    public PostgresGrainStorage(
        NpgsqlDataSource dataSource,
        string serviceId,
        IGrainStorageSerializer serializer,
        IActivatorProvider activators,
        ILogger<PostgresGrainStorage> logger)
    {
        var statements = new GrainStateStatements(dataSource, serviceId, logger);
        _serializer = serializer;
        _activators = activators;
        _reads = new GroupCommit<GrainStateKey, StoredGrainState?>(statements.ReadAsync, MaxBatch, MaxInFlight);
        _writes = new GroupCommit<GrainStateWrite, int?>(statements.WriteAsync, MaxBatch, MaxInFlight);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var stored = await _reads.EnqueueAsync(new GrainStateKey(stateName, grainId.ToString()), CancellationToken.None);
        grainState.ETag = stored is null ? null : Tag(stored.Version);
        grainState.RecordExists = stored?.Payload is not null;
        grainState.State = stored?.Payload is { } payload ? _serializer.Deserialize<T>(new BinaryData(payload)) : NewState<T>();
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        grainState.ETag = Tag(await StoreAsync(stateName, grainId, grainState.ETag, payload));
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        grainState.ETag = Tag(await StoreAsync(stateName, grainId, grainState.ETag, payload: null));
        grainState.RecordExists = false;
        grainState.State = NewState<T>();
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync();
        await _writes.DisposeAsync();
    }

    private async Task<int> StoreAsync(string stateName, GrainId grainId, string? etag, byte[]? payload)
    {
        int? expected = null;
        if (etag is not null)
        {
            expected = int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : throw Conflict(stateName, grainId, etag);
        }

        var written = await _writes.EnqueueAsync(new GrainStateWrite(stateName, grainId.ToString(), expected, payload), CancellationToken.None);
        return written ?? throw Conflict(stateName, grainId, etag);
    }

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? etag)
    {
        GrainStorageMetrics.Conflicted();
        return new InconsistentStateException(
            $"The state of {grainId} ({stateName}) was written by someone else: the stored version is not {etag ?? "none"}.",
            storedEtag: "unknown",
            currentEtag: etag ?? "none");
    }

    // No row, or a cleared one: the state a new grain starts with, as Orleans' own providers give it.
    private T NewState<T>() => _activators.GetActivator<T>().Create();

    private static string Tag(int version) => version.ToString(CultureInfo.InvariantCulture);
}
