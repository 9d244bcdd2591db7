namespace Grid.Abstractions.Auth;

/// <summary>The content of an end user's access token; the issuer decides every value, including the times.</summary>
[GenerateSerializer, Immutable, Alias("grid.session-token-claims")]
public sealed record SessionTokenClaims(
    [property: Id(0)] string Issuer,
    [property: Id(1)] string Audience,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string AccountId,
    [property: Id(4)] string SessionId,
    [property: Id(5)] string AuthenticationMethod,
    [property: Id(6)] DateTimeOffset IssuedAt,
    [property: Id(7)] DateTimeOffset ExpiresAt);
