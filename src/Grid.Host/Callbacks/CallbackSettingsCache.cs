using System.Collections.Concurrent;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.WeCom.Callbacks;

namespace Grid.Host.Callbacks;

/// <summary>
/// Per silo, the callback crypto of each connector for <see cref="Lifetime"/>: a storm of callbacks costs one
/// connector-grain call per connector every few seconds, and a changed token or key (or a new connector) takes effect
/// within <see cref="Lifetime"/> on every silo. "Not configured" is remembered as briefly, so unknown connectors
/// cannot make every request a grain call.
/// </summary>
internal sealed class CallbackSettingsCache(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long settings are used before they are read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, Task<CallbackSettings?> Settings)> _entries = new(StringComparer.Ordinal);

    /// <summary>The connector's callback settings; null when the connector is not configured or has no callback settings.</summary>
    public Task<CallbackSettings?> GetAsync(string tenantId, string connectorId)
    {
        var key = GridKeys.Connector(tenantId, connectorId);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now && !entry.Settings.IsFaulted)
        {
            return entry.Settings;
        }

        var settings = LoadAsync(key);
        _entries[key] = (now + Lifetime, settings);
        if (_entries.Count > 10_000)
        {
            foreach (var stale in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(stale, out _);
            }
        }

        return settings;
    }

    private async Task<CallbackSettings?> LoadAsync(string key)
    {
        WeComConnectorSecrets secrets;
        try
        {
            secrets = await grains.GetGrain<IWeComConnectorGrain>(key).GetSecrets();
        }
        catch (GridException ex) when (ex.Kind == GridErrorKind.NotFound)
        {
            return null;
        }

        if (string.IsNullOrEmpty(secrets.CallbackToken) || string.IsNullOrEmpty(secrets.EncodingAesKey))
        {
            return null;
        }

        try
        {
            return new CallbackSettings(new WeComCallbackCrypto(secrets.CallbackToken, secrets.EncodingAesKey, secrets.CorpId), secrets.CorpId);
        }
        catch (WeComCryptoException)
        {
            return null;
        }
    }
}

/// <summary>What the receiver needs of a connector: its crypto (token, key, corp id as receive id) and its corp id.</summary>
internal sealed record CallbackSettings(WeComCallbackCrypto Crypto, string CorpId);
