using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Admin;
using Grid.Abstractions.Connectors;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Connectors;

/// <summary>
/// A connector's claims on its trusted IPs in the trusted-IP index (WeCom binds a trusted IP to one corp): claiming
/// them all or none, giving back what a failed configuration claimed, releasing the ones it no longer lists.
/// Lives as long as the connector grain's activation and reads the grain's stored state.
/// </summary>
internal sealed partial class TrustedIpClaims(
    IGrainFactory grainFactory, IPersistentState<WeComConnectorState> state, string tenantId, string connectorId, ILogger logger)
{
    // The trusted IPs a configuration in progress has claimed, before its write: real holders for HoldsTrustedIp.
    private (List<string> Ips, string CorpId)? _claiming;

    private WeComConnectorState Current => state.State;

    public bool Holds(string ip, string corpId) =>
        (Current.Exists && Current.EgressIps.Contains(ip, StringComparer.Ordinal) && string.Equals(Current.CorpId, corpId, StringComparison.Ordinal))
        || (_claiming is { } claiming && claiming.Ips.Contains(ip, StringComparer.Ordinal) && string.Equals(claiming.CorpId, corpId, StringComparison.Ordinal));

    public async Task<ImmutableArray<string>> ContestedAsync()
    {
        var contested = ImmutableArray.CreateBuilder<string>();
        foreach (var ip in Current.EgressIps)
        {
            // Values stored before IPs were canonicalized are looked up as they would be stored today.
            var key = TrustedIpAddress.TryCanonicalize(ip, out var canonical, out _) ? canonical : ip;
            if (!await ClaimAsync(key, Current.CorpId))
            {
                contested.Add(ip);
            }
        }

        return contested.ToImmutable();
    }

    /// <summary>Claims every IP in the trusted-IP index, or none: InvalidArgument naming each IP another corp holds.</summary>
    public async Task ClaimAllAsync(List<string> ips, string corpId, ImmutableArray<string> requested)
    {
        _claiming = (ips, corpId);
        var check = new ConnectorValidation();
        var claimed = new List<string>();
        try
        {
            for (var i = 0; i < ips.Count; i++)
            {
                if (await ClaimAsync(ips[i], corpId))
                {
                    claimed.Add(ips[i]);
                }
                else
                {
                    // Nothing about the holder: it may be another tenant's (see ITrustedIpIndexGrain).
                    check.Add($"egress_ips[{RequestIndex(requested, ips[i])}]", $"'{ips[i]}' is already a trusted IP of a connector of another WeCom corp, "
                        + "and WeCom binds a trusted IP to one corp: list this corp's own egress IPs");
                }
            }
        }
        catch
        {
            _claiming = null;
            await UndoClaimsAsync(claimed);
            throw;
        }

        if (claimed.Count < ips.Count)
        {
            _claiming = null;
            await UndoClaimsAsync(claimed);
            check.ThrowIfAny();
        }
    }

    /// <summary>Ends the configuration in progress: from now on only the stored IPs are held.</summary>
    public void EndClaiming() => _claiming = null;

    /// <summary>Gives back IPs this configuration claimed: the stored ones go back to the stored corp.</summary>
    public async Task UndoClaimsAsync(IEnumerable<string> ips)
    {
        foreach (var ip in ips)
        {
            var index = grainFactory.GetGrain<ITrustedIpIndexGrain>(ip);
            if (Current.Exists && Current.EgressIps.Contains(ip, StringComparer.Ordinal))
            {
                await index.Claim(new TrustedIpUser(tenantId, connectorId, Current.CorpId));
            }
            else
            {
                await index.Unregister(tenantId, connectorId);
            }
        }
    }

    public async Task ReleaseAsync(IEnumerable<string> ips)
    {
        foreach (var ip in ips)
        {
            try
            {
                await grainFactory.GetGrain<ITrustedIpIndexGrain>(ip).Unregister(tenantId, connectorId);
            }
            catch (Exception ex)
            {
                // Stored already; an entry left behind is forgotten when another corp claims the IP.
                LogTrustedIpNotReleased(logger, ex, GridKeys.Connector(tenantId, connectorId));
            }
        }
    }

    // Where the caller wrote the IP, in whatever form: the canonical list has duplicates removed.
    private static int RequestIndex(ImmutableArray<string> requested, string ip) =>
        requested.IndexOf(requested.First(r => TrustedIpAddress.TryCanonicalize(r, out var canonical, out _) && canonical == ip));

    private async Task<bool> ClaimAsync(string ip, string corpId)
    {
        var index = grainFactory.GetGrain<ITrustedIpIndexGrain>(ip);
        var entry = new TrustedIpUser(tenantId, connectorId, corpId);
        var holders = await index.Claim(entry);
        if (holders.IsEmpty)
        {
            return true;
        }

        // An entry whose connector does not list the IP (a configuration whose write failed, a release that failed)
        // must not keep the IP from its rightful corp: forget it and claim once more.
        var stale = 0;
        foreach (var holder in holders)
        {
            if (!await grainFactory.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(holder.TenantId, holder.ConnectorId)).HoldsTrustedIp(ip, holder.CorpId))
            {
                await index.Unregister(holder.TenantId, holder.ConnectorId);
                stale++;
            }
        }

        return stale == holders.Length && (await index.Claim(entry)).IsEmpty;
    }

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Connector {Key}: a trusted IP it no longer lists stays in the index until another corp claims it")]
    private static partial void LogTrustedIpNotReleased(ILogger logger, Exception exception, string key);
}
