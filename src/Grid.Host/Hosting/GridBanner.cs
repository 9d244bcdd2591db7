using System.Collections.Concurrent;

namespace Grid.Host.Hosting;

/// <summary>
/// What a newcomer needs at start-up, printed once the host listens. Areas add their lines while starting
/// (e.g. the login page address, the admin credential file).
/// </summary>
public sealed class GridBanner
{
    private readonly ConcurrentDictionary<string, string> _lines = new(StringComparer.Ordinal);

    public void Set(string label, string value) => _lines[label] = value;

    internal IReadOnlyList<KeyValuePair<string, string>> Lines => [.. _lines.OrderBy(l => l.Key, StringComparer.Ordinal)];
}
