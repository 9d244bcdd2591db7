using System.Collections.Immutable;

namespace Grid.Abstractions.Sessions;

/// <summary>
/// A revoked session whose access tokens may still be within their lifetime: validators refuse tokens of it until
/// <see cref="Until"/> (when the last token it could have been issued has expired, clock skew included).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.revoked-session")]
public sealed record RevokedSession(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] DateTimeOffset Until);

/// <summary>The revocations still in force, at one version of <see cref="ISessionRevocationGrain"/>'s list.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.revoked-session-set")]
public sealed record RevokedSessionSet(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<RevokedSession> Sessions);
