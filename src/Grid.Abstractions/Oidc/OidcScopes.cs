using System.Collections.Immutable;

namespace Grid.Abstractions.Oidc;

/// <summary>
/// The scopes Grid's OpenID Connect issuer understands: each releases a fixed set of the account's claims. They are
/// Grid's, not an admin's to define, so an application's allowed scopes are chosen from this list.
/// </summary>
public static class OidcScopes
{
    public const string OpenId = "openid";
    public const string Profile = "profile";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Organizations = "organizations";
    public const string OfflineAccess = "offline_access";

    public static ImmutableArray<string> All { get; } = [OpenId, Profile, Email, Phone, Organizations, OfflineAccess];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
