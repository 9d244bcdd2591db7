namespace Grid.Abstractions.Sessions;

/// <summary>A sign-in session as read (never its refresh token or the token's hash).</summary>
[GenerateSerializer, Immutable]
[Alias("grid.session-view")]
public sealed record SessionView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string AccountId,
    [property: Id(3)] SignInMethod Method,
    [property: Id(4)] SessionClient Client,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset RefreshedAt,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] DateTimeOffset? RevokedAt)
{
    /// <summary>Whether the session can still be refreshed at <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}

/// <summary>A session and the refresh token that continues it (the token is given out once, never stored in clear).</summary>
[GenerateSerializer, Immutable]
[Alias("grid.session-grant")]
public sealed record SessionGrant(
    [property: Id(0)] SessionView Session,
    [property: Id(1)] string RefreshToken);
