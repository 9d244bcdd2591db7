namespace Grid.WeCom.Simulator.Faults;

/// <summary>
/// One injected fault on one path (or "*" for every WeCom path), applying to the next <see cref="Remaining"/>
/// matching requests, or to all of them while installed when <see cref="Remaining"/> is null.
/// </summary>
public sealed class FaultRule
{
    private const int Unlimited = -1;

    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;
    private int _hits;

    internal FaultRule(long id, string path, FaultKind kind, int? times)
    {
        if (times is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(times), times, "A fault applies at least once (or always when null).");
        }

        Id = id;
        Path = path;
        Kind = kind;
        _remaining = times ?? Unlimited;
    }

    public long Id { get; }

    /// <summary>The request path it matches ("/cgi-bin/user/list_id"), or "*".</summary>
    public string Path { get; }

    public FaultKind Kind { get; }

    /// <summary>For <see cref="FaultKind.ErrCode"/>.</summary>
    public int ErrCode { get; init; }

    /// <summary>For <see cref="FaultKind.HttpStatus"/>.</summary>
    public int HttpStatus { get; init; }

    /// <summary>For <see cref="FaultKind.Latency"/>.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>For <see cref="FaultKind.TruncateBody"/>.</summary>
    public TruncationMode Truncation { get; init; }

    /// <summary>Requests it will still affect; null means unlimited.</summary>
    public int? Remaining => Volatile.Read(ref _remaining) is var remaining && remaining == Unlimited ? null : remaining;

    /// <summary>Requests it affected so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>For <see cref="FaultKind.Hold"/>: completes when the first matching request is being held.</summary>
    public Task Entered => _entered.Task;

    /// <summary>For <see cref="FaultKind.Hold"/>: lets the held requests go on to be served.</summary>
    public void Release() => _released.TrySetResult();

    public override string ToString() => $"#{Id} {Kind} on {Path} (hits {Hits}, remaining {Remaining?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"})";

    /// <summary>Waits, for a request this hold rule matched, until <see cref="Release"/>.</summary>
    internal Task HoldAsync(CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        return _released.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Consumes one use; called under the injector's lock.</summary>
    internal bool TryUse()
    {
        if (_remaining == 0)
        {
            return false;
        }

        if (_remaining != Unlimited)
        {
            Volatile.Write(ref _remaining, _remaining - 1);
        }

        Interlocked.Increment(ref _hits);
        return true;
    }
}
