using System.Collections.Immutable;

namespace Grid.Abstractions.Oidc;

/// <summary>
/// What a user granted an application in one sign-in: the chain of its authorization code and refresh tokens.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.oidc-grant")]
public sealed record OidcGrant(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] ImmutableArray<string> Scopes,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>How presenting a code or refresh token to its grant went.</summary>
[GenerateSerializer, Alias("grid.oidc-redemption")]
public enum OidcRedemption
{
    /// <summary>The grant's current token, now spent: the next one may be issued.</summary>
    Redeemed = 0,

    /// <summary>A token of the grant that was spent already: someone replays it, so the grant is revoked.</summary>
    Replayed = 1,

    /// <summary>No such grant, or it was revoked.</summary>
    Invalid = 2,
}
