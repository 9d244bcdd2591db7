using System.Collections.Immutable;
using Grid.Abstractions.Sessions;

namespace Grid.Host.SignIn;

/// <summary>What a valid end-user access token says.</summary>
internal sealed record ValidatedToken(
    string TenantId,
    string AccountId,
    string SessionId,
    SignInMethod? Method,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    ImmutableSortedDictionary<string, string> Claims);
