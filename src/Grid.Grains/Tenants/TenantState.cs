using Grid.Abstractions.Tenants;

namespace Grid.Grains.Tenants;

[GenerateSerializer]
[Alias("grid.tenant-state")]
public sealed class TenantState
{
    [Id(0)]
    public bool Exists { get; set; }

    [Id(1)]
    public string DisplayName { get; set; } = "";

    [Id(2)]
    public string TimeZoneId { get; set; } = "";

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether the root organization was created (it is created right after the tenant's first write).</summary>
    [Id(4)]
    public bool RootCreated { get; set; }

    /// <summary>The first admin service client (made with the tenant, replaced by a reset); null for tenants made without one.</summary>
    [Id(5)]
    public string? AdminClientId { get; set; }

    /// <summary>Audit entries stored with the change they describe and not yet appended to the tenant's audit log.</summary>
    [Id(6)]
    public List<AuditEntry> PendingAudit { get; set; } = [];
}
