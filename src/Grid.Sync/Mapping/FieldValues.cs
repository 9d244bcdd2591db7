using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Grid.Sync.Mapping;

/// <summary>
/// Mapped field values (target field → text), in ordinal order of the field names. Compact on purpose: a plan from
/// scratch holds one per member, and all of them share one array of names. Immutable; sent and stored through
/// <see cref="FieldValuesConverter"/>.
/// </summary>
[Immutable]
public sealed class FieldValues : IReadOnlyDictionary<string, string>
{
    private readonly string[] names;
    private readonly string[] values;

    /// <summary>Copies the pairs, ordered by name.</summary>
    /// <exception cref="ArgumentException">A name appears twice.</exception>
    public FieldValues(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sorted = pairs.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToArray();
        names = new string[sorted.Length];
        values = new string[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && string.Equals(sorted[i].Key, sorted[i - 1].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Field '{sorted[i].Key}' appears twice.", nameof(pairs));
            }

            names[i] = sorted[i].Key;
            values[i] = sorted[i].Value ?? "";
        }
    }

    // The names are shared and already ordered; the values array is owned by this instance.
    internal FieldValues(string[] names, string[] values)
    {
        this.names = names;
        this.values = values;
    }

    /// <inheritdoc/>
    public int Count => names.Length;

    internal string[] Names => names;

    internal string[] ValueArray => values;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => names;

    /// <inheritdoc/>
    public IEnumerable<string> Values => values;

    /// <inheritdoc/>
    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No field '{key}'.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? values[index] : null;
        return index >= 0;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < names.Length; i++)
        {
            yield return new KeyValuePair<string, string>(names[i], values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // A handful of names: a linear scan beats hashing.
    private int IndexOf(string key) => Array.IndexOf(names, key);
}
