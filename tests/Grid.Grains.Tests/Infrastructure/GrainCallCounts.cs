using System.Collections.Concurrent;

namespace Grid.Grains.Tests.Infrastructure;

/// <summary>Grain calls a test silo received so far, by interface and method name.</summary>
public sealed class GrainCallCounts
{
    private readonly ConcurrentDictionary<string, int> _byMethod = new(StringComparer.Ordinal);

    /// <summary>Calls of <paramref name="method"/> ("Interface.Method") so far.</summary>
    public int Of(string method) => _byMethod.GetValueOrDefault(method);

    internal void Count(string method) => _byMethod.AddOrUpdate(method, 1, static (_, count) => count + 1);
}
