namespace Grid.Abstractions.Login;

/// <summary>What a one-time login state is bound to (<see cref="ILoginStateGrain.Begin"/>).</summary>
/// <param name="TenantId">The tenant signing in.</param>
/// <param name="ConnectorId">The WeCom connector the code will come from.</param>
/// <param name="Mode">QR or web login.</param>
/// <param name="BrowserBindingHash">SHA-256 (lower-case hex) of the random browser-binding secret the browser holds.</param>
/// <param name="RedirectUri">The redirect_uri sent to WeCom (where the code comes back).</param>
/// <param name="ReturnTo">Where the browser goes once signed in (checked against the tenant's allowed addresses); empty: not asked.</param>
/// <param name="PrivateInfo">Whether the authorize URL asked for snsapi_privateinfo (sensitive fields are fetched).</param>
[GenerateSerializer, Immutable]
[Alias("grid.login-state-request")]
public sealed record LoginStateRequest(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ConnectorId,
    [property: Id(2)] LoginMode Mode,
    [property: Id(3)] string BrowserBindingHash,
    [property: Id(4)] string RedirectUri,
    [property: Id(5)] string ReturnTo,
    [property: Id(6)] bool PrivateInfo);
