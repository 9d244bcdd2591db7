using System.Collections.Concurrent;

namespace Grid.Grains.Tests.Sync;

/// <summary>
/// Counts grain-state operations of one kind (writes and clears, or reads) per state name, as
/// <see cref="CountingGrainStorage"/> sees them.
/// </summary>
public sealed class GrainStateCounts
{
    private readonly ConcurrentDictionary<string, int> _byStateName = new(StringComparer.Ordinal);

    /// <summary>Operations so far, by state name (e.g. <c>sync-coordinator</c>, <c>account</c>).</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_byStateName, StringComparer.Ordinal);

    /// <summary>Operations after <paramref name="before"/>, by state name; names without any are left out.</summary>
    public IReadOnlyDictionary<string, int> Since(IReadOnlyDictionary<string, int> before) =>
        Snapshot()
            .Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count > 0)
            .ToDictionary(pair => pair.Key, pair => pair.Count, StringComparer.Ordinal);

    internal void Count(string stateName) => _byStateName.AddOrUpdate(stateName, 1, static (_, count) => count + 1);
}
