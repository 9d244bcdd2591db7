using Grid.Abstractions.Oidc;
using Grid.Abstractions.Tenants;

namespace Grid.Grains.Oidc;

[GenerateSerializer, Alias("grid.oidc-application-state")]
public sealed class OidcApplicationState
{
    [Id(0)]
    public OidcApplication? Application { get; set; }

    [Id(1)]
    public byte[] Salt { get; set; } = [];

    /// <summary>HMAC-SHA256 of the secret under <see cref="Salt"/>; empty for a public client.</summary>
    [Id(2)]
    public byte[] SecretHash { get; set; } = [];

    /// <summary>Audit entries of changes to this application not yet appended to the tenant's audit log.</summary>
    [Id(3)]
    public List<AuditEntry> PendingAudit { get; set; } = [];
}
