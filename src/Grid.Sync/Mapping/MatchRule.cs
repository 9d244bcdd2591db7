namespace Grid.Sync.Mapping;

/// <summary>
/// How an existing, unlinked platform account is recognised as a new member's: the account field
/// <see cref="AccountField"/> equals the value of <see cref="MemberField"/> for the member. The member side is a
/// mapping expression, so a bare field (<c>userid</c>) or a normalised one (<c>lower(email)</c>) both work.
/// </summary>
/// <param name="AccountField">An account field, e.g. <c>username</c>.</param>
/// <param name="MemberField">A member-side mapping expression, e.g. <c>userid</c>.</param>
public sealed record MatchRule(string AccountField, string MemberField)
{
    /// <summary>Account <c>username</c> = member <c>userid</c>.</summary>
    public static MatchRule Default { get; } = new("username", "userid");

    /// <summary>Every problem, naming <c>match_rule.account_field</c> or <c>match_rule.member_field</c>.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!MappingCatalog.AccountTargets.Contains(AccountField, StringComparer.Ordinal))
        {
            errors.Add($"match_rule.account_field: unknown account field '{AccountField}' (known: {string.Join(", ", MappingCatalog.AccountTargets)})");
        }

        try
        {
            MappingExpression.Parse(MemberField ?? "").CompileForMember();
        }
        catch (MappingExpressionException error)
        {
            errors.Add($"match_rule.member_field: {error.Message}");
        }

        return errors;
    }
}
