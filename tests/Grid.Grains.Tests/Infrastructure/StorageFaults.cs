namespace Grid.Grains.Tests.Infrastructure;

/// <summary>
/// Switches for <see cref="FaultInjectingGrainStorage"/>: while <see cref="FailWrites"/> returns true for a write, that
/// write throws as if the database were gone. One instance per test cluster; tests reset it when done.
/// </summary>
public sealed class StorageFaults
{
    private volatile Func<string, GrainId, bool>? _failWrites;

    /// <summary>Given the state name and grain id of a write (or clear), whether it must fail.</summary>
    public Func<string, GrainId, bool>? FailWrites
    {
        get => _failWrites;
        set => _failWrites = value;
    }

    /// <summary>Makes writes matching <paramref name="predicate"/> fail until the returned scope is disposed.</summary>
    public IDisposable FailWhile(Func<string, GrainId, bool> predicate)
    {
        FailWrites = predicate;
        return new Reset(this);
    }

    private sealed class Reset(StorageFaults faults) : IDisposable
    {
        public void Dispose() => faults.FailWrites = null;
    }
}
