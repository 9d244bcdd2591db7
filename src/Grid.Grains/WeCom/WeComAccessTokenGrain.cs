using Grid.Abstractions.WeCom;

namespace Grid.Grains.WeCom;

internal sealed class WeComAccessTokenGrain : Grain, IWeComAccessTokenGrain
{
    private CachedAccessToken? token;

    public Task<CachedAccessToken?> Get() => Task.FromResult(token);

    public Task Set(CachedAccessToken token)
    {
        this.token = token;
        return Task.CompletedTask;
    }

    public Task Invalidate(string rejectedValue)
    {
        if (token is not null && string.Equals(token.Value, rejectedValue, StringComparison.Ordinal))
        {
            token = null;
        }

        return Task.CompletedTask;
    }
}
