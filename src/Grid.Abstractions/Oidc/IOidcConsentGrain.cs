using System.Collections.Immutable;

namespace Grid.Abstractions.Oidc;

/// <summary>
/// The scopes a user agreed to share with one application (remembered consent); key
/// <c>{tenant}/{accountId}/{clientId}</c>.
/// </summary>
public interface IOidcConsentGrain : IGrainWithStringKey
{
    /// <summary>The scopes consented to and not expired (empty when none).</summary>
    Task<ImmutableArray<string>> Get();

    /// <summary>Adds <paramref name="scopes"/> to the consent, valid until <paramref name="expiresAt"/>.</summary>
    Task Grant(ImmutableArray<string> scopes, DateTimeOffset expiresAt);

    /// <summary>Forgets the consent.</summary>
    Task Withdraw();
}
