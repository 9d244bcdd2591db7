using System.Collections.Concurrent;

namespace Grid.Host.Grpc;

/// <summary>
/// Tokens this silo has already checked, by their exact text, until they expire: a token presented again (a front
/// end's own bearer token on every call, a user's token on every page) skips the ES256 signature check, which is
/// most of a validation's cost. An exact match is the same signature over the same content, so nothing is trusted
/// that was not checked; what a cached entry cannot know (expiry, revocation) the callers check on every hit. Bounded:
/// when full, expired entries go, and if that is not enough the cache starts over.
/// </summary>
internal sealed class ValidatedTokenCache<T>(TimeProvider time, int capacity = ValidatedTokenCache.DefaultCapacity)
    where T : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached value of <paramref name="token"/>, when it was checked and has not expired.</summary>
    public T? Get(string token)
    {
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (time.GetUtcNow() < entry.ExpiresAt)
        {
            return entry.Value;
        }

        _entries.TryRemove(token, out _);
        return null;
    }

    /// <summary>Remembers a checked token until <paramref name="expiresAt"/> (its <c>exp</c>, clock skew included).</summary>
    public void Add(string token, T value, DateTimeOffset expiresAt)
    {
        if (_entries.Count >= capacity)
        {
            var now = time.GetUtcNow();
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[token] = new Entry(value, expiresAt);
    }

    private sealed record Entry(T Value, DateTimeOffset ExpiresAt);
}

/// <summary>The size of <see cref="ValidatedTokenCache{T}"/>.</summary>
internal static class ValidatedTokenCache
{
    /// <summary>Tokens kept per cache: far more than the live tokens of a busy silo; about 2 KB each.</summary>
    public const int DefaultCapacity = 100_000;
}
