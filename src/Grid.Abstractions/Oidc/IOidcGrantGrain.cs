namespace Grid.Abstractions.Oidc;

/// <summary>
/// One grant (<see cref="OidcGrant"/>), key <c>{tenant}/{grantId}</c>: makes authorization codes one-time and refresh
/// tokens rotate. Each code or refresh token carries its grant id and its own token id; exactly one token id of a
/// grant is current at a time. Redeeming the current one spends it; presenting a spent one again revokes the grant,
/// so that a stolen code or refresh token is worth one use at most, and its holder's as well as the user's next use
/// fail (RFC 9700 4.14.2).
/// </summary>
public interface IOidcGrantGrain : IGrainWithStringKey
{
    /// <summary>Records the grant and its first token (the authorization code); an existing grant is an error.</summary>
    Task Open(OidcGrant grant, string tokenId, DateTimeOffset expiresAt);

    /// <summary>Spends <paramref name="tokenId"/> if it is the current token (see <see cref="OidcRedemption"/>).</summary>
    Task<OidcRedemption> Redeem(string tokenId);

    /// <summary>
    /// After a redemption: makes <paramref name="tokenId"/> (a new refresh token) current, valid until
    /// <paramref name="expiresAt"/>; null when no refresh token follows (no offline_access), the grant then lasting
    /// until <paramref name="expiresAt"/> (its access token's expiry, for userinfo) with nothing to redeem. False when
    /// the grant was revoked meanwhile.
    /// </summary>
    Task<bool> Rotate(string? tokenId, DateTimeOffset expiresAt);

    /// <summary>The grant while it is valid, else null.</summary>
    Task<OidcGrant?> Get();

    /// <summary>Revokes the grant (sign-out, an application's deletion): none of its tokens is redeemed again.</summary>
    Task Revoke();
}
