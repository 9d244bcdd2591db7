namespace Grid.Abstractions.Login;

/// <summary>The outcome of <see cref="ILoginStateGrain.Redeem"/>; <see cref="Request"/> only when redeemed.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.login-state-redemption")]
public sealed record LoginStateRedemption(
    [property: Id(0)] LoginStateOutcome Outcome,
    [property: Id(1)] LoginStateRequest? Request);
