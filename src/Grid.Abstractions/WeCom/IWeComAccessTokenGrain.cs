using Orleans.Concurrency;

namespace Grid.Abstractions.WeCom;

/// <summary>
/// The cluster-wide cache of one WeCom app's access token, so that silos share a token instead of each calling
/// gettoken (WeCom rate-limits gettoken and may invalidate tokens early). Keyed by an opaque store key made of the
/// corp id, agent id and a hash of the secret — never the secret itself. Held in memory only: a lost token is
/// simply fetched again.
/// </summary>
[Alias("grid.wecom-access-token")]
public interface IWeComAccessTokenGrain : IGrainWithStringKey
{
    /// <summary>The cached token, or <see langword="null"/>; may be expired (the caller checks).</summary>
    [AlwaysInterleave]
    Task<CachedAccessToken?> Get();

    /// <summary>Replaces the cached token.</summary>
    Task Set(CachedAccessToken token);

    /// <summary>Drops the cached token if it is still <paramref name="rejectedValue"/> (another silo may have refreshed it).</summary>
    Task Invalidate(string rejectedValue);
}

/// <summary>An access token and when to stop using it.</summary>
[GenerateSerializer, Immutable, Alias("grid.cached-access-token")]
public sealed record CachedAccessToken([property: Id(0)] string Value, [property: Id(1)] DateTimeOffset UseUntil)
{
    /// <summary>Describes the token without its value.</summary>
    public override string ToString() => $"CachedAccessToken {{ Value = ***, UseUntil = {UseUntil:O} }}";
}
