namespace Grid.Abstractions.Sessions;

/// <summary>
/// The cluster's list of revoked sessions whose access tokens could still be presented (key <see cref="DefaultKey"/>),
/// and the announcer of new ones. Every silo subscribes an <see cref="IRevokedSessionsObserver"/> and is told of each
/// revocation before <see cref="Add"/> returns; a silo that missed one (it was starting, partitioned, or its
/// subscription lapsed) catches up with <see cref="GetSince"/> on its next re-sync. Entries leave the list when the
/// tokens they stand against have expired, so it stays as small as the revocations of one access-token lifetime.
/// </summary>
[Alias("grid.ISessionRevocationGrain")]
public interface ISessionRevocationGrain : IGrainWithStringKey
{
    /// <summary>The key of the one list of the cluster.</summary>
    const string DefaultKey = "sessions";

    /// <summary>Records the revocation durably, then tells every subscribed silo (waiting a bounded time for each).</summary>
    [Alias("Add")]
    Task Add(RevokedSession session);

    /// <summary>The whole list when it changed after <paramref name="version"/>; null when it did not.</summary>
    [Alias("GetSince")]
    Task<RevokedSessionSet?> GetSince(long version);

    /// <summary>Subscribes (or renews) a silo's observer; a subscription not renewed within its lease lapses.</summary>
    [Alias("Subscribe")]
    Task Subscribe(IRevokedSessionsObserver observer);
}

/// <summary>A silo's copy of the revoked sessions, told of each new one by <see cref="ISessionRevocationGrain"/>.</summary>
[Alias("grid.IRevokedSessionsObserver")]
public interface IRevokedSessionsObserver : IGrainObserver
{
    /// <summary>A session was revoked; <paramref name="version"/> is the list's version that includes it.</summary>
    [Alias("Revoked")]
    Task Revoked(RevokedSession session, long version);
}
