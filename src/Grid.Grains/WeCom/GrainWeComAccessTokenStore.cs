using Grid.Abstractions.WeCom;
using Grid.WeCom.Api;

namespace Grid.Grains.WeCom;

/// <summary>Shares WeCom access tokens across the cluster through <see cref="IWeComAccessTokenGrain"/>.</summary>
public sealed class GrainWeComAccessTokenStore(IGrainFactory grains) : IWeComAccessTokenStore
{
    public async ValueTask<WeComAccessToken?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var cached = await grains.GetGrain<IWeComAccessTokenGrain>(key).Get().WaitAsync(cancellationToken);
        return cached is null ? null : new WeComAccessToken(cached.Value, cached.UseUntil);
    }

    public async ValueTask SetAsync(string key, WeComAccessToken token, CancellationToken cancellationToken) =>
        await grains.GetGrain<IWeComAccessTokenGrain>(key).Set(new CachedAccessToken(token.Value, token.UseUntil)).WaitAsync(cancellationToken);

    public async ValueTask InvalidateAsync(string key, string rejectedValue, CancellationToken cancellationToken) =>
        await grains.GetGrain<IWeComAccessTokenGrain>(key).Invalidate(rejectedValue).WaitAsync(cancellationToken);
}
