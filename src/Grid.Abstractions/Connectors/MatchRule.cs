namespace Grid.Abstractions.Connectors;

/// <summary>
/// How a sync adopts an existing account instead of creating a duplicate: the account whose
/// <see cref="AccountField"/> (an account field, e.g. <c>username</c> or <c>email</c>) equals the value of
/// <see cref="MemberField"/> for the member (a member-side mapping expression, e.g. <c>userid</c> or
/// <c>lower(email)</c>). Validated with Grid.Sync's rules when a connector is configured.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.match-rule")]
public sealed record MatchRule(string AccountField, string MemberField)
{
    /// <summary>Account username = member userid.</summary>
    public static MatchRule Default { get; } = new("username", "userid");

    /// <summary>The rule with both fields empty: set it to turn adoption off (every new member gets a new account).</summary>
    public static MatchRule None { get; } = new("", "");

    /// <summary>Whether this is <see cref="None"/>.</summary>
    public bool IsNone => string.IsNullOrEmpty(AccountField) && string.IsNullOrEmpty(MemberField);
}
