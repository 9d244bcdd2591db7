using Grid.Abstractions.Auth;

namespace Grid.Abstractions.Tenants;

/// <summary>A new tenant and its first admin service client (whose secret is shown only here).</summary>
[GenerateSerializer, Immutable]
[Alias("grid.tenant-created")]
public sealed record TenantCreated([property: Id(0)] TenantView Tenant, [property: Id(1)] IssuedServiceClient Admin);
