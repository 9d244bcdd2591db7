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

/// <summary>
/// A grant's tokens (see <see cref="IOidcGrantGrain"/>); a reminder prunes its row once it has ended (revoked, or past
/// the expiry of its last token): first when its code's time is up, then daily.
/// </summary>
public sealed partial class OidcGrantGrain(
    [PersistentState("oidc-grant", "grid")] IPersistentState<OidcGrantState> state,
    TimeProvider time,
    ILogger<OidcGrantGrain> logger) : Grain, IOidcGrantGrain, IRemindable
{
    public const string PruneReminder = "prune";

    private const int KeptSpentTokens = 20;

    // An ended grant's row is gone at most this long after it ended (one reminder row per grant, no write per rotation).
    private static readonly TimeSpan PruneCheckPeriod = TimeSpan.FromDays(1);

    public async Task Open(OidcGrant grant, string tokenId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (state.State.Grant is not null)
        {
            throw GridException.Conflict($"grant '{this.GetPrimaryKeyString()}' exists already");
        }

        await state.WriteOrRevertAsync(new OidcGrantState { Grant = grant, CurrentTokenId = tokenId, ExpiresAt = expiresAt });
        var dueIn = expiresAt - time.GetUtcNow();
        await this.RegisterOrUpdateReminder(PruneReminder, (dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero) + TimeSpan.FromMinutes(1), PruneCheckPeriod);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var current = state.State;
        if (reminderName != PruneReminder || (current is { Grant: not null, RevokedAt: null } && time.GetUtcNow() < current.ExpiresAt))
        {
            return;
        }

        // Pruned answers as revoked does: nothing to redeem (Invalid), no grant (Get null), no rotation.
        await state.ClearStateAsync();
        if (await this.GetReminder(PruneReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
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

    public async Task<bool> Rotate(string? tokenId, DateTimeOffset expiresAt)
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
