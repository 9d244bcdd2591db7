using Grid.Abstractions;
using Grid.Abstractions.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Events;

/// <summary>
/// Per silo, once the silo is active and then every <see cref="EventInboxOptions.SweepInterval"/>: wakes the inbox of
/// every connector with unfinished events in the journal (so that after a restart, or after the silo that held an
/// inbox was lost, its events are applied without waiting for the next callback), and purges events past the
/// retention. Waking an inbox that is already busy costs one call.
/// </summary>
internal sealed class EventInboxSweeper(
    IEventJournal journal,
    IGrainFactory grains,
    IOptions<EventInboxOptions> options,
    TimeProvider time,
    ILogger<EventInboxSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(EventInboxSweeper), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(LoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task LoopAsync()
    {
        var interval = options.Value.SweepInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await SweepAsync(_stopping.Token);
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var (tenantId, connectorId) in await journal.ListConnectorsWithUnfinishedAsync(cancellationToken))
            {
                try
                {
                    await grains.GetGrain<IWeComEventInboxGrain>(GridKeys.Connector(tenantId, connectorId)).Resume();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    EventInboxLog.WakeFailed(logger, ex, tenantId, connectorId);
                }
            }

            var before = time.GetUtcNow() - options.Value.Retention;
            var purged = await journal.PurgeAsync(before, cancellationToken);
            if (purged > 0)
            {
                EventInboxLog.Purged(logger, purged, before);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            EventInboxLog.SweepFailed(logger, ex, (long)options.Value.SweepInterval.TotalMilliseconds);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
