using System.Collections.Immutable;

namespace Grid.Abstractions.Auth;

/// <summary>What a new service client is: its tenant, a human name, its scopes and who created it.</summary>
[GenerateSerializer, Immutable, Alias("grid.service-client-registration")]
public sealed record ServiceClientRegistration(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] ImmutableArray<string> Scopes,
    [property: Id(3)] string CreatedBy);
