using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Grid.Grains.Tenants;

/// <summary>
/// The head of a tenant log: numbers entries, routes them to the current segment and rolls over to the next one when
/// it is full, drops the oldest segments beyond retention, and serves reads. Reentrant so that appends from many
/// writers are committed together (<see cref="WriteBatcher{TItem,TResult}"/>) and reads and waits run alongside.
/// The head's own state changes only when a segment fills, so an append costs one segment write.
/// </summary>
[Reentrant]
public abstract partial class TenantLogGrain<TEntry> : Grain, ITenantLogGrain<TEntry>
    where TEntry : ILogEntry<TEntry>
{
    private const int MaxPage = 1000;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(25);

    private readonly IPersistentState<TenantLogState> _state;
    private readonly TenantLogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WriteBatcher<ImmutableArray<TEntry>, long> _batcher;
    private TaskCompletionSource _appended = NewSignal();
    private int _currentCount;

    protected TenantLogGrain(
        IPersistentState<TenantLogState> state,
        IOptions<TenantLogOptions> options,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _batcher = new WriteBatcher<ImmutableArray<TEntry>, long>(WriteBatchAsync);
    }

    private long SegmentSize => _state.State.SegmentSize;

    private long LastSequence => (_state.State.CurrentSegment * SegmentSize) + _currentCount;

    private long FirstRetainedSequence => (_state.State.FirstRetainedSegment * SegmentSize) + 1;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.SegmentSize == 0)
        {
            await _state.WriteOrRevertAsync(new TenantLogState { SegmentSize = _options.SegmentSize });
        }

        _currentCount = await Segment(_state.State.CurrentSegment).Count();
    }

    public Task<long> Append(ImmutableArray<TEntry> entries) =>
        entries.IsDefaultOrEmpty ? Task.FromResult(LastSequence) : _batcher.EnqueueAsync(entries.Select(Accept).ToImmutableArray());

    /// <summary>An entry as the log keeps it; by default as given.</summary>
    protected virtual TEntry Accept(TEntry entry) => entry;

    public async Task<LogPage<TEntry>> Read(long after, int max)
    {
        max = ClampPage(max);
        if (after < 0)
        {
            throw GridException.Invalid("resume_token", "must not be negative");
        }

        var first = FirstRetainedSequence;
        if (after < first - 1)
        {
            throw new GridException(
                GridErrorKind.ResumeTokenExpired,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"resume token {after} is too old: the oldest retained entry is {first}; read the current state again and resume from {LastSequence}"),
                "resume_token");
        }

        var last = LastSequence;
        var entries = ImmutableArray.CreateBuilder<TEntry>();
        var position = after;
        while (entries.Count < max && position < last)
        {
            var segment = position / SegmentSize;
            var page = await Segment(segment).Read(position, max - entries.Count);
            if (page.IsEmpty)
            {
                break;
            }

            entries.AddRange(page);
            position = page[^1].Sequence;
        }

        return new LogPage<TEntry>(entries.ToImmutable(), position, last, first);
    }

    public async Task<LogPage<TEntry>> ReadBackward(long before, int max)
    {
        max = ClampPage(max);
        var last = LastSequence;
        var first = FirstRetainedSequence;
        var position = before <= 0 || before > last ? last + 1 : before;
        var entries = ImmutableArray.CreateBuilder<TEntry>();
        while (entries.Count < max && position > first)
        {
            var segment = (position - 2) / SegmentSize;
            var page = await Segment(segment).ReadBackward(position, max - entries.Count);
            if (page.IsEmpty)
            {
                break;
            }

            entries.AddRange(page);
            position = page[^1].Sequence;
        }

        var next = position > first ? position : 0;
        return new LogPage<TEntry>(entries.ToImmutable(), next, last, first);
    }

    public async Task<long> WaitForNew(long after, TimeSpan timeout)
    {
        if (LastSequence > after || timeout <= TimeSpan.Zero)
        {
            return LastSequence;
        }

        var signal = _appended.Task;
        await Task.WhenAny(signal, Task.Delay(timeout < MaxWait ? timeout : MaxWait, _time));
        return LastSequence;
    }

    public Task<long> GetLastSequence() => Task.FromResult(LastSequence);

    /// <summary>The segment grain with number <paramref name="number"/>.</summary>
    protected abstract ILogSegmentGrain<TEntry> Segment(long number);

    /// <summary>The key of segment <paramref name="number"/> of this log.</summary>
    protected string SegmentKey(long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{this.GetPrimaryKeyString()}/{number}");

    private static int ClampPage(int max) => max <= 0 ? 100 : Math.Min(max, MaxPage);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<IReadOnlyList<long>> WriteBatchAsync(IReadOnlyList<ImmutableArray<TEntry>> batch)
    {
        var all = batch.SelectMany(entries => entries).ToImmutableArray();
        var written = 0;
        while (written < all.Length)
        {
            var current = _state.State.CurrentSegment;
            var taken = _currentCount >= SegmentSize
                ? 0
                : await Segment(current).Append((current * SegmentSize) + 1, (int)SegmentSize, all[written..]);
            written += taken;
            _currentCount += taken;
            if (written < all.Length)
            {
                await RollOverAsync();
            }
        }

        var results = new long[batch.Count];
        var end = LastSequence - all.Length;
        for (var i = 0; i < batch.Count; i++)
        {
            end += batch[i].Length;
            results[i] = end;
        }

        var appended = _appended;
        _appended = NewSignal();
        appended.TrySetResult();
        return results;
    }

    private async Task RollOverAsync()
    {
        var state = _state.State;
        var current = state.CurrentSegment + 1;
        var firstKept = Math.Max(state.FirstRetainedSegment, current - _options.RetainedSegments + 1);
        var dropFrom = state.FirstRetainedSegment;
        await _state.WriteOrRevertAsync(new TenantLogState
        {
            SegmentSize = state.SegmentSize,
            CurrentSegment = current,
            FirstRetainedSegment = firstKept,
        });

        _currentCount = 0;
        for (var segment = dropFrom; segment < firstKept; segment++)
        {
            LogSegmentDropped(_logger, this.GetPrimaryKeyString(), segment);
            await Segment(segment).Drop();
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Log {Log} dropped segment {Segment} (retention)")]
    private static partial void LogSegmentDropped(ILogger logger, string log, long segment);
}
