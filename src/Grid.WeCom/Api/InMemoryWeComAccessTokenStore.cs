using System.Collections.Concurrent;

namespace Grid.WeCom.Api;

/// <summary>The default <see cref="IWeComAccessTokenStore"/>: a per-process dictionary.</summary>
public sealed class InMemoryWeComAccessTokenStore : IWeComAccessTokenStore
{
    private readonly ConcurrentDictionary<string, WeComAccessToken> _tokens = new(StringComparer.Ordinal);

    public ValueTask<WeComAccessToken?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_tokens.TryGetValue(key, out var token) ? token : null);

    public ValueTask SetAsync(string key, WeComAccessToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        _tokens[key] = token;
        return ValueTask.CompletedTask;
    }

    public ValueTask InvalidateAsync(string key, string rejectedValue, CancellationToken cancellationToken)
    {
        if (_tokens.TryGetValue(key, out var current) && current.Value == rejectedValue)
        {
            _tokens.TryRemove(new KeyValuePair<string, WeComAccessToken>(key, current));
        }

        return ValueTask.CompletedTask;
    }
}
