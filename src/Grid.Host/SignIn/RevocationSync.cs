using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>
/// Keeps <see cref="RevokedSessions"/> current: subscribes the silo's copy as an observer of
/// <see cref="ISessionRevocationGrain"/> (pushes make a revocation effective on every silo before RevokeSession
/// returns) and, every <see cref="SignInOptions.RevocationResyncInterval"/>, renews the subscription and reads the
/// list if it changed. The pull is what bounds the staleness of a silo that missed a push (it was starting, its
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
        var list = grains.GetGrain<ISessionRevocationGrain>(ISessionRevocationGrain.DefaultKey);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var delay = options.Value.RevocationResyncInterval;
                try
                {
                    await list.Subscribe(reference).WaitAsync(stoppingToken);
                    revoked.Synced(await list.GetSince(revoked.Version).WaitAsync(stoppingToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSyncFailed(logger, ex);
                    delay = RetryDelay;
                }

                await Task.Delay(delay, time, stoppingToken);
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

    [LoggerMessage(EventId = 8010, Level = LogLevel.Warning, Message = "Reading the revoked sessions failed; retrying")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
