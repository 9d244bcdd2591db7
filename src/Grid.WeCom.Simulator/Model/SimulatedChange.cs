using Grid.WeCom.Simulator.Callbacks;

namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// The outcome of a mutation of the simulated company: the change_contact callbacks it queued, one per app that
/// has callbacks configured and sees the changed object.
/// </summary>
public sealed class SimulatedChange
{
    internal SimulatedChange(string changeType, IReadOnlyList<CallbackDelivery> deliveries)
    {
        ChangeType = changeType;
        Deliveries = deliveries;
    }

    /// <summary>create_user, update_user, delete_user, create_party, update_party or delete_party.</summary>
    public string ChangeType { get; }

    /// <summary>The queued callbacks; empty when no app with callbacks sees the change.</summary>
    public IReadOnlyList<CallbackDelivery> Deliveries { get; }

    /// <summary>Completes when every callback of this change was acknowledged or finally failed.</summary>
    public async Task<IReadOnlyList<CallbackDelivery>> WhenDeliveredAsync(CancellationToken cancellationToken = default)
    {
        foreach (var delivery in Deliveries)
        {
            await delivery.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return Deliveries;
    }
}
