namespace Grid.Host.Grpc;

/// <summary>The resource of a per-tenant authorization check: the tenant a request is about.</summary>
internal sealed record TenantResource(string TenantId);
