using System.Collections.Immutable;

namespace Grid.Abstractions.Auth;

/// <summary>
/// The key set that signs Grid's access tokens (ES256). The private keys never leave this grain and are sealed at
/// rest; the public keys are published as a JWKS. Keys rotate on their own: a new key is published a while before it
/// signs anything, so that every validator has it by then, and a retired key stays published until the tokens it
/// signed have expired. Key: <see cref="DefaultKey"/>.
/// </summary>
[Alias("grid.signing-key")]
public interface ISigningKeyGrain : IGrainWithStringKey
{
    /// <summary>The key of the one key set of the cluster.</summary>
    const string DefaultKey = "access-tokens";

    /// <summary>Signs the claims as a compact JWS with the active key.</summary>
    [Alias("sign")]
    Task<string> Sign(AccessTokenClaims claims);

    /// <summary>
    /// Signs an end user's access token with the active key: <c>sub</c> the account id, <c>sid</c>, <c>amr</c>,
    /// <c>tenant</c> and <c>token_type</c> <see cref="AccessTokenClaimTypes.EndUserTokenType"/>, and no scope.
    /// </summary>
    [Alias("sign-session")]
    Task<string> SignSession(SessionTokenClaims claims);

    /// <summary>The public keys validators must accept now (active, upcoming and recently retired).</summary>
    [Alias("get-public-keys")]
    Task<ImmutableArray<PublicSigningKey>> GetPublicKeys();

    /// <summary>Publishes a new key now; it starts signing after the propagation delay. Returns its key id.</summary>
    [Alias("rotate")]
    Task<string> Rotate();
}
