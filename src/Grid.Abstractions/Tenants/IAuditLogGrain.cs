namespace Grid.Abstractions.Tenants;

/// <summary>
/// A tenant's audit trail of administrative actions, key <c>{tenant}</c>. Newest first with
/// <see cref="ITenantLogGrain{TEntry}.ReadBackward"/>.
/// </summary>
[Alias("grid.IAuditLogGrain")]
public interface IAuditLogGrain : ITenantLogGrain<AuditEntry>;
