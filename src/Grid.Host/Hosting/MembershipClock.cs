namespace Grid.Host.Hosting;

/// <summary>
/// The clock of Orleans' membership area (<c>TimeProviderNames.Membership</c>): the system's, with timestamps counted
/// from this clock's creation instead of the machine's boot. Orleans' watchdog starts its platform thread before it
/// sets the component check's first timestamp, so its first look can measure from timestamp 0: with the system clock,
/// "participant check thread has not completed for" the machine's uptime, a warning at every start and a health event
/// that raised the silo's local health degradation score. Membership only ever subtracts its timestamps, so the origin
/// is free; wall-clock time and timers are the system's.
/// </summary>
internal sealed class MembershipClock : TimeProvider
{
    // One tick before creation: no timestamp is 0, which some code reads as "never".
    private readonly long _origin = System.GetTimestamp() - 1;

    public override long GetTimestamp() => System.GetTimestamp() - _origin;
}
