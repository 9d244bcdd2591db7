using System.Reflection;
using Grid.Abstractions;
using Microsoft.Extensions.Logging;

namespace Grid.Dev.Tests;

/// <summary>
/// Every [LoggerMessage] of every Grid assembly (this project's output holds them all: the dev launcher references the
/// host and the simulator): its event id lies in its area's range of <see cref="EventIdRanges"/>, and no two share one.
/// </summary>
public sealed class EventIdRangeTests
{
    [Fact]
    public void LoggerMessages_OfEveryGridAssembly_HaveDistinctIdsInTheirAreasRange()
    {
        var messages = GridAssemblies()
            .SelectMany(LoadableTypes)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(method => (type, method, attribute: method.GetCustomAttribute<LoggerMessageAttribute>())))
            .Where(x => x.attribute is not null)
            .Select(x => (Name: $"{x.type.FullName}.{x.method.Name}", x.type.Namespace, x.attribute!.EventId))
            .ToList();

        var outOfRange = messages
            .Where(m => EventIdRanges.AreaOf(m.Namespace) is not { } area || !area.Contains(m.EventId))
            .Select(m => $"{m.Name}: {m.EventId} (area {EventIdRanges.AreaOf(m.Namespace)?.Area ?? "none"})");
        var shared = messages
            .GroupBy(m => m.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}");

        Assert.Contains(messages, m => m.Namespace == "Grid.WeCom.Simulator.Hosting");
        Assert.Contains(messages, m => m.Namespace == "Grid.Grains.Sync");
        Assert.Contains(messages, m => m.Namespace == "Grid.Dev");
        Assert.Empty(outOfRange);
        Assert.Empty(shared);
    }

    [Fact]
    public void Ranges_DoNotOverlap()
    {
        var ranges = EventIdRanges.All.OrderBy(range => range.First).ToList();

        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.First.Last < pair.Second.First, $"{pair.First.Area} overlaps {pair.Second.Area}"));
    }

    private static IEnumerable<Assembly> GridAssemblies() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "Grid.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name is not null && !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "Grid.Testing")
            .Select(name => Assembly.Load(name!));

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
