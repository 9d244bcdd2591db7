using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>
/// Keeps <see cref="RevokedSessions"/> current: subscribes the silo's copy as an observer of each
/// <see cref="ISessionRevocationGrain"/> list (pushes make a revocation effective on every silo before RevokeSession
/// returns) and, every <see cref="SignInOptions.RevocationResyncInterval"/>, renews the subscription and reads the
/// lists that changed. The pull is what bounds the staleness of a silo that missed a push (it was starting, its
/// subscription lapsed, the list's activation moved): at most one interval, and validation fails closed once
/// the copy is older than <see cref="SignInOptions.RevocationMaxStaleness"/>.
/// </summary>
internal sealed partial class RevocationSync(
    IGrainFactory grains,
    RevokedSessions revoked,
    TimeProvider time,
    IOptions<SignInOptions> options,
    ILogger<RevocationSync> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IRevokedSessionsObserver>(revoked);
        var lists = Enumerable.Range(0, SessionKeys.RevocationListCount)
            .Select(i => grains.GetGrain<ISessionRevocationGrain>(SessionKeys.RevocationList(i)))
            .ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var synced = await Task.WhenAll(lists.Select((list, i) => SyncAsync(i, list, reference, stoppingToken)));
                await Task.Delay(synced.All(s => s) ? options.Value.RevocationResyncInterval : RetryDelay, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            grains.DeleteObjectReference<IRevokedSessionsObserver>(reference);
        }
    }

    private async Task<bool> SyncAsync(int index, ISessionRevocationGrain list, IRevokedSessionsObserver reference, CancellationToken stoppingToken)
    {
        try
        {
            await list.Subscribe(reference).WaitAsync(stoppingToken);
            revoked.Synced(index, await list.GetSince(revoked.Version(index)).WaitAsync(stoppingToken));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSyncFailed(logger, ex, index);
            return false;
        }
    }

    [LoggerMessage(EventId = 8010, Level = LogLevel.Warning, Message = "Reading revocation list {List} failed; retrying")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, int list);
}
