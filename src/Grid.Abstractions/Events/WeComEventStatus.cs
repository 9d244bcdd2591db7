namespace Grid.Abstractions.Events;

/// <summary>
/// Where a WeCom change callback is in the inbox. Every event the receiver accepts is durable first; it then ends
/// applied or ignored, or is held until an administrator approves it (approved) or discards it (discarded), or fails
/// and is retried with backoff until it is parked for an administrator.
/// </summary>
public enum WeComEventStatus
{
    /// <summary>Stored in the journal, waiting to be applied (or being applied).</summary>
    Durable = 1,

    /// <summary>The account or organization now reflects the change.</summary>
    Applied = 2,

    /// <summary>Nothing to do: not a change the connector maps, or already reflected.</summary>
    Ignored = 3,

    /// <summary>A delete held by the connector's delete budget, waiting for an administrator (see the held changes).</summary>
    Held = 4,

    /// <summary>Applying failed; retried after <see cref="WeComEvent.NextAttemptAt"/>.</summary>
    Failed = 5,

    /// <summary>Failed too often: no more automatic retries until an administrator retries it.</summary>
    Parked = 6,

    /// <summary>
    /// A held delete an administrator approved (<see cref="WeComEvent.DecidedBy"/>, at <see cref="WeComEvent.FinishedAt"/>):
    /// planned again from WeCom as it then was and applied.
    /// </summary>
    Approved = 7,

    /// <summary>A held delete an administrator discarded (who and when as for <see cref="Approved"/>): nothing was deleted.</summary>
    Discarded = 8,
}
