namespace Grid.Abstractions.Login;

/// <summary>
/// One OAuth/QR login state, key <c>{state}</c> (the random value sent to WeCom and returned with the code): the CSRF
/// protection of a WeCom sign-in. Short-lived (Grid:Login:StateLifetime, minutes), bound to tenant, connector, browser,
/// mode and return address, and redeemable once: any second attempt, matching or not, is refused.
/// </summary>
[Alias("grid.ILoginStateGrain")]
public interface ILoginStateGrain : IGrainWithStringKey
{
    /// <summary>Starts the state; returns when it expires. Conflict when this state was begun before.</summary>
    [Alias("Begin")]
    Task<DateTimeOffset> Begin(LoginStateRequest request);

    /// <summary>
    /// Uses the state up, whatever the outcome: redeemed when live and bound to this tenant, connector and browser.
    /// </summary>
    /// <param name="tenantId">The tenant of the callback.</param>
    /// <param name="connectorId">The connector of the callback, or null for the one the state names.</param>
    /// <param name="browserBindingHash">SHA-256 (lower-case hex) of the browser-binding secret the caller presents.</param>
    [Alias("Redeem")]
    Task<LoginStateRedemption> Redeem(string tenantId, string? connectorId, string browserBindingHash);
}
