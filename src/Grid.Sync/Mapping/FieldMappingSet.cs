using Grid.Abstractions.Connectors;

namespace Grid.Sync.Mapping;

/// <summary>
/// How member fields become account fields and department fields become organization fields. Validation errors
/// name the setting to fix: <c>mappings.TARGET: ...</c> for accounts, <c>organization_mappings.TARGET: ...</c> for
/// organizations.
/// </summary>
public sealed class FieldMappingSet
{
    private const string AccountPrefix = "mappings";
    private const string OrganizationPrefix = "organization_mappings";

    /// <summary>Creates a set; nothing is checked until <see cref="Validate"/> or <see cref="Compile"/>.</summary>
    public FieldMappingSet(IReadOnlyList<FieldMapping> accounts, IReadOnlyList<FieldMapping> organizations)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(organizations);
        Accounts = accounts;
        Organizations = organizations;
    }

    /// <summary>
    /// username ← userid, display_name ← name, nickname ← alias, email ← first(biz_mail, email), mobile ← mobile,
    /// phone ← telephone, job_title ← position; organization name ← name, code ← id.
    /// </summary>
    public static FieldMappingSet Default { get; } = new(
        [
            new("username", "userid"),
            new("display_name", "name"),
            new("nickname", "alias"),
            new("email", "first(biz_mail, email)"),
            new("mobile", "mobile"),
            new("phone", "telephone"),
            new("job_title", "position"),
        ],
        [
            new("name", "name"),
            new("code", "id"),
        ]);

    /// <summary>Account field mappings.</summary>
    public IReadOnlyList<FieldMapping> Accounts { get; }

    /// <summary>Organization field mappings.</summary>
    public IReadOnlyList<FieldMapping> Organizations { get; }

    /// <summary>Every problem, each naming its target field; empty when the set is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Build(errors);
        return errors;
    }

    /// <summary>Validates and binds every expression.</summary>
    /// <exception cref="InvalidSyncSettingsException">The set is invalid; the exception lists every problem.</exception>
    public CompiledFieldMappings Compile()
    {
        var errors = new List<string>();
        var compiled = Build(errors);
        return compiled ?? throw new InvalidSyncSettingsException(errors);
    }

    private CompiledFieldMappings? Build(List<string> errors)
    {
        var accounts = BuildSide(
            Accounts, AccountPrefix, "account", MappingCatalog.AccountTargets, MappingCatalog.RequiredAccountTargets,
            static expression => expression.CompileForMember(), errors);
        var organizations = BuildSide(
            Organizations, OrganizationPrefix, "organization", MappingCatalog.OrganizationTargets, MappingCatalog.RequiredOrganizationTargets,
            static expression => expression.CompileForDepartment(), errors);
        return errors.Count == 0
            ? new CompiledFieldMappings(accounts.Targets, accounts.Evaluators, organizations.Targets, organizations.Evaluators)
            : null;
    }

    private static (string[] Targets, Func<T, string>[] Evaluators) BuildSide<T>(
        IReadOnlyList<FieldMapping> mappings,
        string prefix,
        string targetKind,
        IReadOnlyList<string> knownTargets,
        IReadOnlyList<string> requiredTargets,
        Func<MappingExpression, Func<T, string>> compile,
        List<string> errors)
    {
        var compiled = new SortedDictionary<string, Func<T, string>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            if (mapping is null || string.IsNullOrWhiteSpace(mapping.Target))
            {
                errors.Add($"{prefix}: a mapping has no target field");
                continue;
            }

            var target = mapping.Target;
            var setting = $"{prefix}.{target}";
            if (!seen.Add(target))
            {
                errors.Add($"{setting}: mapped more than once");
                continue;
            }

            if (!knownTargets.Contains(target, StringComparer.Ordinal))
            {
                errors.Add($"{setting}: unknown {targetKind} field '{target}' (known: {string.Join(", ", knownTargets)})");
                continue;
            }

            try
            {
                compiled[target] = compile(MappingExpression.Parse(mapping.Expression ?? ""));
            }
            catch (MappingExpressionException error)
            {
                errors.Add($"{setting}: {error.Message}");
            }
        }

        foreach (var required in requiredTargets)
        {
            if (!seen.Contains(required))
            {
                errors.Add($"{prefix}.{required}: required, but not mapped");
            }
        }

        return ([.. compiled.Keys], [.. compiled.Values]);
    }
}
