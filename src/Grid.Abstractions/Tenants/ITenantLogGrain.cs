using System.Collections.Immutable;

namespace Grid.Abstractions.Tenants;

/// <summary>
/// An append-only, per-tenant log partitioned into fixed-size segments (no state row grows without bound), with a
/// bounded retention. Appends from many writers are committed in batches. Shared shape of
/// <see cref="Directory.IChangeFeedGrain"/> and <see cref="IAuditLogGrain"/>.
/// </summary>
public interface ITenantLogGrain<TEntry> : IGrainWithStringKey
{
    /// <summary>Appends entries in the given order (their sequence is assigned here); returns the last sequence assigned.</summary>
    [Alias("Append")]
    Task<long> Append(ImmutableArray<TEntry> entries);

    /// <summary>
    /// Up to <paramref name="max"/> (1..1,000) entries after sequence <paramref name="after"/>, oldest first.
    /// ResumeTokenExpired when entries after <paramref name="after"/> were already dropped by retention.
    /// </summary>
    [Alias("Read")]
    Task<LogPage<TEntry>> Read(long after, int max);

    /// <summary>Up to <paramref name="max"/> entries before sequence <paramref name="before"/> (0 = from the newest), newest first.</summary>
    [Alias("ReadBackward")]
    Task<LogPage<TEntry>> ReadBackward(long before, int max);

    /// <summary>
    /// Waits until the log holds an entry after <paramref name="after"/> or the timeout passes (at most 25 s, under the
    /// grain call timeout); returns the last sequence. Use it between Reads to follow the log live.
    /// </summary>
    [Alias("WaitForNew")]
    Task<long> WaitForNew(long after, TimeSpan timeout);

    /// <summary>The newest sequence (0 for an empty log).</summary>
    [Alias("GetLastSequence")]
    Task<long> GetLastSequence();
}
