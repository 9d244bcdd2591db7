namespace Grid.Abstractions.Sync;

/// <summary>
/// The one runner of full syncs for a connector, key <c>{tenant}/{connectorId}</c> (same key as the connector).
/// Minimal contract for now: the connector's daily reminder calls <see cref="StartScheduled"/>. The sync engineer
/// extends this interface with manual runs, approval, progress and history.
/// </summary>
[Alias("grid.ISyncCoordinatorGrain")]
public interface ISyncCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts a scheduled full sync, unless one is already running (then it does nothing). Called by the connector's
    /// daily reminder; must return quickly (the run continues in the background).
    /// </summary>
    [Alias("StartScheduled")]
    Task StartScheduled();
}
