namespace Grid.Host.Hosting;

/// <summary>
/// Gives the memory of a burst back once the silo is quiet. A full sync or a wave of sign-ins grows the managed heap to
/// hundreds of MiB; once the work ends and idle activations are collected, nothing allocates any more, so the GC never
/// runs again and the process keeps that memory committed. Every <see cref="IdleHeapTrimPolicy.Interval"/> this
/// service asks the policy whether a burst has ended and, if so, runs one blocking, compacting, aggressive collection,
/// which decommits what the heap no longer needs. No library does this: the runtime has the collection, not the when.
/// </summary>
internal sealed partial class IdleHeapTrimmer(TimeProvider time, ILogger<IdleHeapTrimmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = new IdleHeapTrimPolicy(GC.GetTotalAllocatedBytes());
        using var timer = new PeriodicTimer(IdleHeapTrimPolicy.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (policy.ShouldTrim(GC.GetTotalAllocatedBytes()))
                {
                    var before = Environment.WorkingSet;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    policy.Trimmed(GC.GetTotalAllocatedBytes());
                    LogTrimmed(logger, before >> 20, Environment.WorkingSet >> 20);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Idle heap trimmed: working set {BeforeMib} MiB before, {AfterMib} MiB after")]
    private static partial void LogTrimmed(ILogger logger, long beforeMib, long afterMib);
}

/// <summary>
/// When <see cref="IdleHeapTrimmer"/> collects: after at least <see cref="BurstBytes"/> were allocated since the last
/// trim (a burst worth giving back), in the first interval in which less than <see cref="QuietBytes"/> were allocated
/// (the burst has ended). A silo that stays busy is never interrupted; one that stays idle is trimmed once.
/// </summary>
internal sealed class IdleHeapTrimPolicy(long allocatedAtStart)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public const long BurstBytes = 64L << 20;

    public const long QuietBytes = 4L << 20;

    private long _sinceTrim = allocatedAtStart;
    private long _lastTick = allocatedAtStart;

    /// <summary>Whether to trim now, given the process's total allocated bytes at this tick.</summary>
    public bool ShouldTrim(long allocated)
    {
        var inInterval = allocated - _lastTick;
        _lastTick = allocated;
        return allocated - _sinceTrim >= BurstBytes && inInterval < QuietBytes;
    }

    /// <summary>A trim was made; the total allocated bytes after it.</summary>
    public void Trimmed(long allocated) => (_sinceTrim, _lastTick) = (allocated, allocated);
}
