using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.WeCom.Api;

/// <summary>
/// Caches access tokens in an <see cref="IWeComAccessTokenStore"/> and lets only one refresh per app run at a
/// time in this process: concurrent callers await the same refresh.
/// </summary>
internal sealed class WeComAccessTokenCache(
    IWeComAccessTokenStore store,
    TimeProvider timeProvider,
    IOptions<WeComOptions> options,
    ILogger<WeComClient> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<WeComAccessToken>>> _refreshes = new(StringComparer.Ordinal);
    private readonly TimeSpan _margin = options.Value.AccessTokenRefreshMargin;

    /// <summary>The store key of an app: corp id, agent id and a hash of the secret, so a new secret gets a new token.</summary>
    public static string KeyOf(WeComApp app)
    {
        var secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(app.Secret));
        return $"{app.CorpId}/{app.AgentId}/{Convert.ToHexStringLower(secretHash, 0, 16)}";
    }

    public async Task<WeComAccessToken> GetAsync(
        WeComApp app,
        Func<CancellationToken, Task<(string Value, int ExpiresInSeconds)>> fetch,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = KeyOf(app);
        var cached = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (IsUsable(cached))
        {
            return cached;
        }

        Lazy<Task<WeComAccessToken>>? refresh = null;
        refresh = new Lazy<Task<WeComAccessToken>>(() => RefreshAsync(app, key, fetch, refresh!));
        // Callers that give up stop waiting; the shared refresh goes on for the others.
        return await _refreshes.GetOrAdd(key, refresh).Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask InvalidateAsync(WeComApp app, string rejectedValue, CancellationToken cancellationToken) =>
        store.InvalidateAsync(KeyOf(app), rejectedValue, cancellationToken);

    private async Task<WeComAccessToken> RefreshAsync(
        WeComApp app,
        string key,
        Func<CancellationToken, Task<(string Value, int ExpiresInSeconds)>> fetch,
        Lazy<Task<WeComAccessToken>> self)
    {
        try
        {
            // Another process sharing the store may have refreshed while we were deciding to.
            var cached = await store.GetAsync(key, CancellationToken.None).ConfigureAwait(false);
            if (IsUsable(cached))
            {
                return cached;
            }

            var issuedAt = timeProvider.GetUtcNow();
            var (value, expiresIn) = await fetch(CancellationToken.None).ConfigureAwait(false);
            var lifetime = TimeSpan.FromSeconds(expiresIn);
            var margin = _margin < lifetime / 2 ? _margin : lifetime / 2;
            var token = new WeComAccessToken(value, issuedAt + lifetime - margin);
            await store.SetAsync(key, token, CancellationToken.None).ConfigureAwait(false);
            WeComLog.AccessTokenRefreshed(logger, app.CorpId, app.AgentId, expiresIn);
            return token;
        }
        finally
        {
            _refreshes.TryRemove(new KeyValuePair<string, Lazy<Task<WeComAccessToken>>>(key, self));
        }
    }

    private bool IsUsable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] WeComAccessToken? token) =>
        token is not null && timeProvider.GetUtcNow() < token.UseUntil;
}
