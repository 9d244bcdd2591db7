using System.Collections.Immutable;

namespace Grid.Abstractions.Admin;

/// <summary>
/// Which connectors (of any tenant) list one IP address as a trusted IP (企业可信IP). Key: the IP address in its
/// canonical text form (IPv4-mapped IPv6 as IPv4). WeCom binds a trusted IP to one corp, so the connector grain
/// claims each of its IPs here when it is configured and refuses an IP that a connector of another corp holds.
/// </summary>
/// <remarks>
/// What a tenant may learn about other tenants: only that an IP it lists itself is held by a connector of another
/// WeCom corp, never which tenant, connector or corp. The holders returned by <see cref="Claim"/> are for in-silo
/// code (the connector grain checks that they still list the IP) and must not reach an API.
/// </remarks>
[Alias("grid.trusted-ip-index")]
public interface ITrustedIpIndexGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records that the connector lists this IP (idempotent; updates its corp id) unless a connector of another corp
    /// lists it: then records nothing and returns those connectors. Empty when claimed.
    /// </summary>
    [Alias("claim")]
    Task<ImmutableArray<TrustedIpUser>> Claim(TrustedIpUser user);

    /// <summary>Forgets the connector for this IP (idempotent).</summary>
    [Alias("unregister")]
    Task Unregister(string tenantId, string connectorId);
}
