using Grid.Abstractions.Tenants;

namespace Grid.Grains.Auth;

[GenerateSerializer, Alias("grid.service-client-state")]
public sealed class ServiceClientState
{
    [Id(0)]
    public string? TenantId { get; set; }

    [Id(1)]
    public string DisplayName { get; set; } = "";

    [Id(2)]
    public List<string> Scopes { get; set; } = [];

    [Id(3)]
    public byte[] Salt { get; set; } = [];

    [Id(4)]
    public byte[] SecretHash { get; set; } = [];

    [Id(5)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(6)]
    public string CreatedBy { get; set; } = "";

    [Id(7)]
    public DateTimeOffset? RevokedAt { get; set; }

    [Id(8)]
    public string? RevokedBy { get; set; }

    /// <summary>The creator's request id when the client was made by <c>Issue</c> (retries of it find this client).</summary>
    [Id(9)]
    public string? RequestId { get; set; }

    /// <summary>Audit entries of changes to this client not yet appended to the tenant's audit log.</summary>
    [Id(10)]
    public List<AuditEntry> PendingAudit { get; set; } = [];
}
