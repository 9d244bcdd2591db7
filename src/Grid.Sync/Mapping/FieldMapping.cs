namespace Grid.Sync.Mapping;

/// <summary>One target field and the expression that computes it, e.g. <c>email ← first(biz_mail, email)</c>.</summary>
/// <param name="Target">An account field (<see cref="MappingCatalog.AccountTargets"/>) or organization field.</param>
/// <param name="Expression">A <see cref="MappingExpression"/> in text form.</param>
public sealed record FieldMapping(string Target, string Expression);
