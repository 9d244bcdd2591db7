using System.Collections.Immutable;
using Grid.Abstractions.Admin;

namespace Grid.Grains.Admin;

// One grain per IP, so the check and the claim are one turn: two corps claiming the same IP at once cannot both win.
// Other tenants' connectors are named to the calling grain only (see ITrustedIpIndexGrain's remarks).
public sealed class TrustedIpIndexGrain(
    [PersistentState("trusted-ip", "grid")] IPersistentState<TrustedIpIndexState> state) : Grain, ITrustedIpIndexGrain
{
    public async Task<ImmutableArray<TrustedIpUser>> Claim(TrustedIpUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var others = state.State.Users
            .Where(u => !SameConnector(u, user.TenantId, user.ConnectorId) && !string.Equals(u.CorpId, user.CorpId, StringComparison.Ordinal))
            .ToImmutableArray();
        if (!others.IsEmpty)
        {
            return others;
        }

        var existing = state.State.Users.FindIndex(u => SameConnector(u, user.TenantId, user.ConnectorId));
        if (existing >= 0 && state.State.Users[existing] == user)
        {
            return [];
        }

        if (existing >= 0)
        {
            state.State.Users[existing] = user;
        }
        else
        {
            state.State.Users.Add(user);
        }

        await state.WriteStateAsync();
        return [];
    }

    public async Task Unregister(string tenantId, string connectorId)
    {
        if (state.State.Users.RemoveAll(u => SameConnector(u, tenantId, connectorId)) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    private static bool SameConnector(TrustedIpUser user, string tenantId, string connectorId) =>
        string.Equals(user.TenantId, tenantId, StringComparison.Ordinal)
        && string.Equals(user.ConnectorId, connectorId, StringComparison.Ordinal);
}
