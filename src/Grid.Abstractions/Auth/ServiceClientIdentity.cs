using System.Collections.Immutable;

namespace Grid.Abstractions.Auth;

/// <summary>An authenticated service client: who it is, its tenant and its granted scopes.</summary>
[GenerateSerializer, Immutable, Alias("grid.service-client-identity")]
public sealed record ServiceClientIdentity(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] ImmutableArray<string> Scopes);
