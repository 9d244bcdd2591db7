namespace Grid.Abstractions.Login;

/// <summary>What redeeming a login state gave.</summary>
[GenerateSerializer]
[Alias("grid.login-state-outcome")]
public enum LoginStateOutcome
{
    /// <summary>The state was live and bound to the caller: this was its one use.</summary>
    Redeemed = 1,

    /// <summary>No such state (never begun, or forgotten since: it is valid for minutes only).</summary>
    Unknown = 2,

    /// <summary>The state's lifetime ended before it came back.</summary>
    Expired = 3,

    /// <summary>The state was redeemed before.</summary>
    Reused = 4,

    /// <summary>The state belongs to another tenant, connector or browser.</summary>
    Mismatched = 5,
}
