using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Oidc;

namespace Grid.Grains.Oidc;

[GenerateSerializer, Alias("grid.oidc-application-catalog-state")]
public sealed class OidcApplicationCatalogState
{
    [Id(0)]
    public SortedSet<string> ClientIds { get; set; } = new(StringComparer.Ordinal);
}

public sealed class OidcApplicationCatalogGrain(
    [PersistentState("oidc-application-catalog", "grid")] IPersistentState<OidcApplicationCatalogState> state)
    : Grain, IOidcApplicationCatalogGrain
{
    public async Task Add(string clientId)
    {
        var ids = state.State.ClientIds;
        if (ids.Contains(clientId))
        {
            return;
        }

        if (ids.Count >= IOidcApplicationCatalogGrain.MaxApplications)
        {
            throw GridException.Precondition(
                $"the tenant has {IOidcApplicationCatalogGrain.MaxApplications} applications, the most it may have: delete one first");
        }

        await state.WriteOrRevertAsync(new OidcApplicationCatalogState { ClientIds = new SortedSet<string>(ids.Append(clientId), StringComparer.Ordinal) });
    }

    public async Task Remove(string clientId)
    {
        var ids = state.State.ClientIds;
        if (ids.Contains(clientId))
        {
            await state.WriteOrRevertAsync(new OidcApplicationCatalogState
            {
                ClientIds = new SortedSet<string>(ids.Where(id => id != clientId), StringComparer.Ordinal),
            });
        }
    }

    public Task<ImmutableArray<string>> List(string? after, int limit)
    {
        var ids = state.State.ClientIds;
        var view = string.IsNullOrEmpty(after) ? ids : ids.GetViewBetween(after, ids.Max ?? after).Where(id => id != after);
        return Task.FromResult(view.Take(limit).ToImmutableArray());
    }
}
