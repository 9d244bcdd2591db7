namespace Grid.Abstractions.Admin;

/// <summary>A connector that lists a trusted IP, and the WeCom corp it belongs to.</summary>
[GenerateSerializer, Immutable, Alias("grid.trusted-ip-user")]
public sealed record TrustedIpUser(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ConnectorId,
    [property: Id(2)] string CorpId);
