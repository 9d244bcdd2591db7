using System.Collections.Immutable;
using System.Security.Claims;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Oidc;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Grid.Host.Oidc;

/// <summary>
/// What an application learns of an account, by scope: <c>sub</c> is the stable account id; <c>profile</c> gives
/// name and preferred_username, <c>email</c> and <c>phone</c> the address and mobile when the account has them (from
/// WeCom only with the member's consent, see WeComMemberGrain.RecordConsent), <c>organizations</c> the ids of the
/// account's organizations.
/// </summary>
internal static class OidcClaims
{
    /// <summary>The grant a code or refresh token belongs to (also in access tokens, so userinfo sees a revoked grant).</summary>
    public const string GrantId = "grid_grant";

    /// <summary>The id of one code or refresh token within its grant (never in access or ID tokens).</summary>
    public const string TokenId = "grid_tid";

    public const string Organizations = "organizations";

    /// <summary>Sets the account's claims on <paramref name="identity"/> (replacing earlier values) for the scopes.</summary>
    public static ClaimsIdentity Apply(ClaimsIdentity identity, AccountView account, ImmutableArray<string> scopes, string grantId, string tokenId)
    {
        identity.SetClaim(Claims.Subject, account.AccountId);
        identity.SetClaim(GrantId, grantId);
        identity.SetClaim(TokenId, tokenId);
        foreach (var (type, values) in UserClaims(account, scopes))
        {
            identity.SetClaims(type, values);
        }

        identity.SetScopes(scopes);
        identity.SetDestinations(claim => claim.Type switch
        {
            TokenId => [],
            GrantId => [Destinations.AccessToken],
            _ => [Destinations.AccessToken, Destinations.IdentityToken],
        });
        return identity;
    }

    /// <summary>The userinfo response: <c>sub</c> and the claims of the scopes.</summary>
    public static Dictionary<string, object> UserInfo(AccountView account, ImmutableArray<string> scopes)
    {
        var info = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = account.AccountId };
        foreach (var (type, values) in UserClaims(account, scopes))
        {
            if (type == Organizations)
            {
                info[type] = values;
            }
            else if (values.Length > 0)
            {
                info[type] = values[0];
            }
        }

        return info;
    }

    private static IEnumerable<(string Type, ImmutableArray<string> Values)> UserClaims(AccountView account, ImmutableArray<string> scopes)
    {
        var profile = account.Profile;
        bool Has(string scope) => scopes.Contains(scope, StringComparer.Ordinal);
        if (Has(OidcScopes.Profile))
        {
            yield return (Claims.Name, [profile.DisplayName]);
            yield return (Claims.PreferredUsername, profile.Username is { Length: > 0 } username ? [username] : []);
        }

        if (Has(OidcScopes.Email))
        {
            yield return (Claims.Email, profile.Email is { Length: > 0 } email ? [email] : []);
        }

        if (Has(OidcScopes.Phone))
        {
            yield return (Claims.PhoneNumber, profile.Mobile is { Length: > 0 } mobile ? [mobile] : []);
        }

        if (Has(OidcScopes.Organizations))
        {
            yield return (Organizations, account.OrganizationIds);
        }
    }
}
