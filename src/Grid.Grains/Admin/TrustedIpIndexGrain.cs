using System.Collections.Immutable;
using Grid.Abstractions.Admin;

namespace Grid.Grains.Admin;

public sealed class TrustedIpIndexGrain(
    [PersistentState("trusted-ip", "grid")] IPersistentState<TrustedIpIndexState> state) : Grain, ITrustedIpIndexGrain
{
    public async Task Register(TrustedIpUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var existing = state.State.Users.FindIndex(u => SameConnector(u, user.TenantId, user.ConnectorId));
        if (existing >= 0 && state.State.Users[existing] == user)
        {
            return;
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
    }

    public async Task Unregister(string tenantId, string connectorId)
    {
        if (state.State.Users.RemoveAll(u => SameConnector(u, tenantId, connectorId)) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<TrustedIpUser>> GetUsers() => Task.FromResult(state.State.Users.ToImmutableArray());

    private static bool SameConnector(TrustedIpUser user, string tenantId, string connectorId) =>
        string.Equals(user.TenantId, tenantId, StringComparison.Ordinal)
        && string.Equals(user.ConnectorId, connectorId, StringComparison.Ordinal);
}
