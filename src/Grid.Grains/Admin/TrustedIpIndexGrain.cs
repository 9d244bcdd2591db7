using System.Collections.Immutable;
using Grid.Abstractions.Admin;
using Orleans.Serialization;

namespace Grid.Grains.Admin;

// One grain per IP, so the check and the claim are one turn: two corps claiming the same IP at once cannot both win.
// Other tenants' connectors are named to the calling grain only (see ITrustedIpIndexGrain's remarks).
public sealed class TrustedIpIndexGrain(
    [PersistentState("trusted-ip", "grid")] IPersistentState<TrustedIpIndexState> state,
    DeepCopier<TrustedIpIndexState> copier) : Grain, ITrustedIpIndexGrain
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

        var next = copier.Copy(state.State);
        if (existing >= 0)
        {
            next.Users[existing] = user;
        }
        else
        {
            next.Users.Add(user);
        }

        await state.WriteOrRevertAsync(next);
        return [];
    }

    public async Task Unregister(string tenantId, string connectorId)
    {
        var next = copier.Copy(state.State);
        if (next.Users.RemoveAll(u => SameConnector(u, tenantId, connectorId)) > 0)
        {
            await state.WriteOrRevertAsync(next);
        }
    }

    private static bool SameConnector(TrustedIpUser user, string tenantId, string connectorId) =>
        string.Equals(user.TenantId, tenantId, StringComparison.Ordinal)
        && string.Equals(user.ConnectorId, connectorId, StringComparison.Ordinal);
}
