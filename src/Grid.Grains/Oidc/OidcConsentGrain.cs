using System.Collections.Immutable;
using Grid.Abstractions.Oidc;

namespace Grid.Grains.Oidc;

[GenerateSerializer, Alias("grid.oidc-consent-state")]
public sealed class OidcConsentState
{
    [Id(0)]
    public List<string> Scopes { get; set; } = [];

    [Id(1)]
    public DateTimeOffset ExpiresAt { get; set; }
}

public sealed class OidcConsentGrain(
    [PersistentState("oidc-consent", "grid")] IPersistentState<OidcConsentState> state,
    TimeProvider time) : Grain, IOidcConsentGrain
{
    public Task<ImmutableArray<string>> Get() =>
        Task.FromResult(time.GetUtcNow() < state.State.ExpiresAt ? [.. state.State.Scopes] : ImmutableArray<string>.Empty);

    public Task Grant(ImmutableArray<string> scopes, DateTimeOffset expiresAt)
    {
        var kept = time.GetUtcNow() < state.State.ExpiresAt ? state.State.Scopes : [];
        return state.WriteOrRevertAsync(new OidcConsentState
        {
            Scopes = [.. kept.Union(scopes, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            ExpiresAt = expiresAt,
        });
    }

    public Task Withdraw() => state.RecordExists ? state.ClearStateAsync() : Task.CompletedTask;
}
