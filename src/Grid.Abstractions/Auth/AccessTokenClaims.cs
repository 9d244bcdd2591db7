using System.Collections.Immutable;

namespace Grid.Abstractions.Auth;

/// <summary>The content of an access token; the issuer decides every value, including the times.</summary>
[GenerateSerializer, Immutable, Alias("grid.access-token-claims")]
public sealed record AccessTokenClaims(
    [property: Id(0)] string Issuer,
    [property: Id(1)] string Audience,
    [property: Id(2)] string ClientId,
    [property: Id(3)] string TenantId,
    [property: Id(4)] ImmutableArray<string> Scopes,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] DateTimeOffset ExpiresAt);
