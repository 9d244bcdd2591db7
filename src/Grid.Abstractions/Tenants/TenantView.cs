namespace Grid.Abstractions.Tenants;

/// <summary>A tenant. <see cref="TimeZoneId"/> is an IANA id (e.g. <c>Asia/Shanghai</c>) used for schedules.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.tenant-view")]
public sealed record TenantView(
    string TenantId,
    string DisplayName,
    string TimeZoneId,
    string RootOrganizationId,
    DateTimeOffset CreatedAt);
