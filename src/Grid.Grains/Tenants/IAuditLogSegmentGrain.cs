using Grid.Abstractions.Tenants;

namespace Grid.Grains.Tenants;

/// <summary>A segment of a tenant's audit log, key <c>{tenant}/{segment}</c>.</summary>
[Alias("grid.IAuditLogSegmentGrain")]
public interface IAuditLogSegmentGrain : ILogSegmentGrain<AuditEntry>;
