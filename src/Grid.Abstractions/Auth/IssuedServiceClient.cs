using System.Collections.Immutable;

namespace Grid.Abstractions.Auth;

/// <summary>
/// A service client and its secret, as issued once to the caller that asked for it (the secret is stored only as a
/// hash). <see cref="ToString"/> leaves the secret out.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.issued-service-client")]
public sealed record IssuedServiceClient(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Secret,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] ImmutableArray<string> Scopes)
{
    public override string ToString() =>
        $"IssuedServiceClient {{ ClientId = {ClientId}, TenantId = {TenantId}, DisplayName = {DisplayName}, Scopes = {string.Join(' ', Scopes)}, Secret = (redacted) }}";
}
