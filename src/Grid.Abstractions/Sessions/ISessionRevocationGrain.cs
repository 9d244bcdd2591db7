namespace Grid.Abstractions.Sessions;

/// <summary>
/// One of the <see cref="SessionKeys.RevocationListCount"/> lists (key <see cref="SessionKeys.RevocationList"/>) that
/// together hold the cluster's revoked sessions whose access tokens could still be presented, and the announcer of new
/// ones. A session's revocation goes to its list (<see cref="SessionKeys.RevocationListOf"/>), so that revocations
/// spread over the lists rather than queue behind one. Every silo subscribes an <see cref="IRevokedSessionsObserver"/>
/// to each list and is told of each revocation before <see cref="Add"/> returns; a silo that missed one (it was
/// starting, partitioned, or its subscription lapsed) catches up with <see cref="GetSince"/> on its next re-sync. A
/// list is stored in append-only segments (<see cref="ISessionRevocationSegmentGrain"/>) of a bounded size, so that
/// recording a revocation costs the same however many are in force; segments whose revocations have all expired
/// (their tokens with them) are dropped by a timer, off the path of <see cref="Add"/>.
/// </summary>
[Alias("grid.ISessionRevocationGrain")]
public interface ISessionRevocationGrain : IGrainWithStringKey
{
    /// <summary>Records the revocation durably, then tells every subscribed silo (waiting a bounded time for each).</summary>
    [Alias("Add")]
    Task Add(RevokedSession session);

    /// <summary>
    /// The list's revocations in force when it changed after <paramref name="version"/>; null when it did not. Versions
    /// only grow, also across the list's reactivations.
    /// </summary>
    [Alias("GetSince")]
    Task<RevokedSessionSet?> GetSince(long version);

    /// <summary>Subscribes (or renews) a silo's observer; a subscription not renewed within its lease lapses.</summary>
    [Alias("Subscribe")]
    Task Subscribe(IRevokedSessionsObserver observer);
}

/// <summary>
/// An append-only piece of one <see cref="ISessionRevocationGrain"/>'s list, key <c>{list key}/{segment number}</c>;
/// written only by its list, which keeps it small.
/// </summary>
[Alias("grid.ISessionRevocationSegmentGrain")]
public interface ISessionRevocationSegmentGrain : IGrainWithStringKey
{
    /// <summary>Appends a revocation durably and returns how many the segment holds.</summary>
    [Alias("Append")]
    Task<int> Append(RevokedSession session);

    /// <summary>The segment's revocations, oldest first.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<RevokedSession>> Read();

    /// <summary>Deletes the segment (its revocations have all expired).</summary>
    [Alias("Clear")]
    Task Clear();
}

/// <summary>A silo's copy of the revoked sessions, told of each new one by <see cref="ISessionRevocationGrain"/>.</summary>
[Alias("grid.IRevokedSessionsObserver")]
public interface IRevokedSessionsObserver : IGrainObserver
{
    /// <summary>A session was revoked; <paramref name="version"/> is its list's version that includes it.</summary>
    [Alias("Revoked")]
    Task Revoked(RevokedSession session, long version);
}
