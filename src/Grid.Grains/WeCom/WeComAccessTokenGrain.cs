using Grid.Abstractions.WeCom;

namespace Grid.Grains.WeCom;

internal sealed class WeComAccessTokenGrain : Grain, IWeComAccessTokenGrain
{
    private CachedAccessToken? _token;

    public Task<CachedAccessToken?> Get() => Task.FromResult(_token);

    public Task Set(CachedAccessToken token)
    {
        _token = token;
        return Task.CompletedTask;
    }

    public Task Invalidate(string rejectedValue)
    {
        if (_token is not null && string.Equals(_token.Value, rejectedValue, StringComparison.Ordinal))
        {
            _token = null;
        }

        return Task.CompletedTask;
    }
}
