using System.Collections.Immutable;

namespace Grid.Abstractions.Admin;

/// <summary>
/// Which connectors (of any tenant) list one IP address as a trusted IP (企业可信IP). Key: the IP address in its
/// canonical text form. WeCom binds a trusted IP to one corp, so an IP used by connectors of two corps means one of
/// them is misconfigured; ValidateWeCom reports it.
/// </summary>
[Alias("grid.trusted-ip-index")]
public interface ITrustedIpIndexGrain : IGrainWithStringKey
{
    /// <summary>Records that the connector lists this IP (idempotent; updates the corp id).</summary>
    [Alias("register")]
    Task Register(TrustedIpUser user);

    /// <summary>Forgets the connector for this IP (idempotent).</summary>
    [Alias("unregister")]
    Task Unregister(string tenantId, string connectorId);

    /// <summary>Every connector that lists this IP.</summary>
    [Alias("get-users")]
    Task<ImmutableArray<TrustedIpUser>> GetUsers();
}
