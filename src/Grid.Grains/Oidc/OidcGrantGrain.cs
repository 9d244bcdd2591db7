using Grid.Abstractions;
using Grid.Abstractions.Oidc;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Oidc;

[GenerateSerializer, Alias("grid.oidc-grant-state")]
public sealed class OidcGrantState
{
    [Id(0)]
    public OidcGrant? Grant { get; set; }

    /// <summary>The token id that may be redeemed next (a code or the latest refresh token), null once spent.</summary>
    [Id(1)]
    public string? CurrentTokenId { get; set; }

    /// <summary>The last spent token ids (bounded): presenting one of them again is a replay.</summary>
    [Id(2)]
    public List<string> SpentTokenIds { get; set; } = [];

    /// <summary>When the current token stops being redeemable; the grant is over after it.</summary>
    [Id(3)]
    public DateTimeOffset ExpiresAt { get; set; }

    [Id(4)]
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed partial class OidcGrantGrain(
    [PersistentState("oidc-grant", "grid")] IPersistentState<OidcGrantState> state,
    TimeProvider time,
    ILogger<OidcGrantGrain> logger) : Grain, IOidcGrantGrain
{
    private const int KeptSpentTokens = 20;

    public async Task Open(OidcGrant grant, string tokenId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (state.State.Grant is not null)
        {
            throw GridException.Conflict($"grant '{this.GetPrimaryKeyString()}' exists already");
        }

        await state.WriteOrRevertAsync(new OidcGrantState { Grant = grant, CurrentTokenId = tokenId, ExpiresAt = expiresAt });
    }

    public async Task<OidcRedemption> Redeem(string tokenId)
    {
        var current = state.State;
        if (current.Grant is null || current.RevokedAt is not null)
        {
            return OidcRedemption.Invalid;
        }

        if (current.CurrentTokenId == tokenId && time.GetUtcNow() < current.ExpiresAt)
        {
            await state.WriteOrRevertAsync(new OidcGrantState
            {
                Grant = current.Grant,
                SpentTokenIds = [.. current.SpentTokenIds.Append(tokenId).TakeLast(KeptSpentTokens)],
                ExpiresAt = current.ExpiresAt,
            });
            return OidcRedemption.Redeemed;
        }

        if (current.SpentTokenIds.Contains(tokenId))
        {
            LogReplayed(logger, this.GetPrimaryKeyString(), current.Grant.ClientId);
            await RevokeAsync();
            return OidcRedemption.Replayed;
        }

        return OidcRedemption.Invalid;
    }

    public async Task<bool> Rotate(string tokenId, DateTimeOffset expiresAt)
    {
        var current = state.State;
        if (current.Grant is null || current.RevokedAt is not null)
        {
            return false;
        }

        await state.WriteOrRevertAsync(new OidcGrantState
        {
            Grant = current.Grant,
            CurrentTokenId = tokenId,
            SpentTokenIds = current.SpentTokenIds,
            ExpiresAt = expiresAt,
        });
        return true;
    }

    public Task<OidcGrant?> Get() =>
        Task.FromResult(state.State is { Grant: { } grant, RevokedAt: null } current && time.GetUtcNow() < current.ExpiresAt ? grant : null);

    public Task Revoke() => state.State.Grant is null || state.State.RevokedAt is not null ? Task.CompletedTask : RevokeAsync();

    private Task RevokeAsync()
    {
        var current = state.State;
        return state.WriteOrRevertAsync(new OidcGrantState
        {
            Grant = current.Grant,
            SpentTokenIds = current.SpentTokenIds,
            ExpiresAt = current.ExpiresAt,
            RevokedAt = time.GetUtcNow(),
        });
    }

    [LoggerMessage(EventId = 9260, Level = LogLevel.Warning, Message = "Grant {GrantKey} of application {ClientId}: a spent code or refresh token was presented again; the grant is revoked")]
    private static partial void LogReplayed(ILogger logger, string grantKey, string clientId);
}
