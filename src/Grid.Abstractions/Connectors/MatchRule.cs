namespace Grid.Abstractions.Connectors;

/// <summary>
/// How a sync adopts an existing account instead of creating a duplicate: the account whose
/// <see cref="AccountField"/> (<c>username</c>, <c>email</c> or <c>mobile</c>: a unique field) equals the member's
/// <see cref="MemberField"/> (<c>userid</c>, <c>email</c>, <c>biz_mail</c>, <c>mobile</c> or <c>alias</c>).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.match-rule")]
public sealed record MatchRule(string AccountField, string MemberField)
{
    /// <summary>The account fields a match rule may use.</summary>
    public static readonly IReadOnlyList<string> AccountFields = ["username", "email", "mobile"];

    /// <summary>The member fields a match rule may use.</summary>
    public static readonly IReadOnlyList<string> MemberFields = ["userid", "email", "biz_mail", "mobile", "alias"];

    /// <summary>Account username = member userid.</summary>
    public static MatchRule Default { get; } = new("username", "userid");
}
