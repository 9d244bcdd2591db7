using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Abstractions.Events;

/// <summary>
/// The inbox of a connector's WeCom change callbacks, key <c>{tenant}/{connector}</c> (see <see cref="GridKeys.Connector"/>).
/// The callback receiver makes each event durable in the event journal first, then tells the inbox; the inbox applies
/// the events in order per member userid and per department id, in parallel across them (bounded), retries failures
/// with backoff and parks an event that keeps failing. Its working set is rebuilt from the journal at activation, so
/// nothing it was told is lost with a silo.
/// </summary>
[Alias("grid.IWeComEventInboxGrain")]
public interface IWeComEventInboxGrain : IGrainWithStringKey
{
    /// <summary>Events that were just made durable. Fire-and-forget: an event missed here is found in the journal.</summary>
    [Alias("Notify"), OneWay]
    Task Notify(ImmutableArray<WeComEvent> events);

    /// <summary>Reads the journal for unfinished events (at activation it does so anyway).</summary>
    [Alias("Resume")]
    Task Resume();

    /// <summary>
    /// The connector's events with an id below <paramref name="before"/> (0: from the newest), newest first, at most
    /// <paramref name="max"/>, optionally of one status. Reads the journal.
    /// </summary>
    [Alias("List")]
    Task<WeComEventPage> List(WeComEventStatus? status, long before, int max);

    /// <summary>
    /// Puts a parked or failed event back in line, with its attempts reset, and audits it. NotFound for an unknown id,
    /// FailedPrecondition when the event is not parked or failed.
    /// </summary>
    [Alias("Retry")]
    Task<WeComEvent> Retry(long eventId, string actor);

    /// <summary>
    /// Records administrators' decisions on held deletes (from the held changes, once each decision is stored there):
    /// the held events of each decision's member or department become approved or discarded, with who and when.
    /// Applying a decision again changes nothing.
    /// </summary>
    [Alias("Decide")]
    Task Decide(ImmutableArray<HeldEventDecision> decisions);
}
