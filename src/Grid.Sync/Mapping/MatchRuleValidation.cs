using Grid.Abstractions.Connectors;

namespace Grid.Sync.Mapping;

/// <summary>
/// The sync's rules for a <see cref="MatchRule"/>: the account field is one a mapping may write, and the member side
/// is a mapping expression, so a bare field (<c>userid</c>) or a normalised one (<c>lower(email)</c>) both work.
/// </summary>
public static class MatchRuleValidation
{
    /// <summary>Every problem, naming <c>match_rule.account_field</c> or <c>match_rule.member_field</c>.</summary>
    public static IReadOnlyList<string> Validate(this MatchRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new List<string>();
        if (!MappingCatalog.AccountTargets.Contains(rule.AccountField ?? "", StringComparer.Ordinal))
        {
            errors.Add($"match_rule.account_field: unknown account field '{rule.AccountField}' (known: {string.Join(", ", MappingCatalog.AccountTargets)})");
        }

        try
        {
            MappingExpression.Parse(rule.MemberField ?? "").CompileForMember();
        }
        catch (MappingExpressionException error)
        {
            errors.Add($"match_rule.member_field: {error.Message}");
        }

        return errors;
    }
}
