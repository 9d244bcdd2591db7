using System.Collections.Immutable;

namespace Grid.Abstractions.Auth;

/// <summary>A service client as stored, without anything secret.</summary>
[GenerateSerializer, Immutable, Alias("grid.service-client-info")]
public sealed record ServiceClientInfo(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] ImmutableArray<string> Scopes,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset? RevokedAt);
