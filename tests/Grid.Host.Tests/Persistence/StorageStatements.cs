using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grid.Host.Storage;

namespace Grid.Host.Tests.Persistence;

/// <summary>
/// Listens to the grain storage's meter while it lives: the statements sent (one batch-size measurement each) and the
/// retries. The storage tests run alone (<see cref="StorageCollection"/>), so what it hears is theirs.
/// </summary>
public sealed class StorageStatements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Operation, int States)> _statements = new();
    private readonly TaskCompletionSource _firstRetry = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _retries;

    public StorageStatements()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrainStorageMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (instrument.Name == GrainStorageMetrics.BatchSizeName)
            {
                _statements.Enqueue((Operation(tags), value));
            }
        });
        _listener.SetMeasurementEventCallback<long>((instrument, _, _, _) =>
        {
            if (instrument.Name == "grid.storage.retries")
            {
                Interlocked.Increment(ref _retries);
                _firstRetry.TrySetResult();
            }
        });
        _listener.Start();
    }

    /// <summary>The states each statement of one operation (read, write) carried.</summary>
    public List<int> Of(string operation) => [.. _statements.Where(s => s.Operation == operation).Select(s => s.States)];

    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Completes when the storage retries a statement for the first time.</summary>
    public Task FirstRetry => _firstRetry.Task;

    public void Dispose() => _listener.Dispose();

    private static string Operation(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "operation")
            {
                return (string)tag.Value!;
            }
        }

        return "";
    }
}
