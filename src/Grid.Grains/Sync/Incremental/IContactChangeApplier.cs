using Grid.WeCom.Events;

namespace Grid.Grains.Sync.Incremental;

/// <summary>
/// Applies one contact change that WeCom reported by callback (as parsed by <see cref="ContactEventParser"/>) to the
/// connector's member or department grain, through the same mapping path as a full run. The event inbox calls it, in
/// order per member or department, after the event is durable.
/// </summary>
public interface IContactChangeApplier
{
    /// <summary>
    /// Applies <paramref name="change"/>. Applying the same change again is harmless. Throws when the change could not
    /// be applied and is worth retrying (WeCom unreachable, a grain error); the exception's message is the reason.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector the callback arrived for.</param>
    /// <param name="eventId">The inbox's id of the event, kept with a held change so that it can be traced.</param>
    /// <param name="change">The parsed change.</param>
    /// <param name="cancellationToken">Cancels the work (the change is then retried).</param>
    Task<ContactChangeOutcome> ApplyAsync(
        string tenantId,
        string connectorId,
        string eventId,
        ContactChange change,
        CancellationToken cancellationToken);
}

/// <summary>What became of a contact change.</summary>
public enum ContactChangeOutcome
{
    /// <summary>The account or organization now reflects WeCom.</summary>
    Applied = 1,

    /// <summary>Nothing to do: the change concerns nothing the connector maps, or it is already reflected.</summary>
    Ignored = 2,

    /// <summary>A delete held by the connector's delete budget, waiting for an administrator to approve or discard it.</summary>
    Held = 3,
}
