namespace Grid.WeCom.Api;

/// <summary>
/// Where access tokens are cached. The default keeps them in process memory; a cluster can share them so that
/// silos do not each call gettoken. Keys are opaque (corp id, agent id and a hash of the secret), never secrets.
/// Implementations must be thread-safe; <see cref="WeComClient"/> already ensures one refresh in flight per key
/// within a process.
/// </summary>
public interface IWeComAccessTokenStore
{
    /// <summary>The cached token for <paramref name="key"/>, or <see langword="null"/>. Expired tokens may be returned.</summary>
    ValueTask<WeComAccessToken?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Caches <paramref name="token"/> for <paramref name="key"/>, replacing any previous one.</summary>
    ValueTask SetAsync(string key, WeComAccessToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the cached token for <paramref name="key"/> if its value is still <paramref name="rejectedValue"/>,
    /// so that a token another caller already refreshed survives.
    /// </summary>
    ValueTask InvalidateAsync(string key, string rejectedValue, CancellationToken cancellationToken);
}
