using Grid.Sync.Sources;

namespace Grid.Sync.Mapping;

/// <summary>A validated <see cref="FieldMappingSet"/> bound to delegates: evaluate it per member without parsing.</summary>
public sealed class CompiledFieldMappings
{
    private readonly Func<SourceMember, string>[] _accountEvaluators;
    private readonly Func<SourceDepartment, string>[] _organizationEvaluators;

    internal CompiledFieldMappings(
        string[] accountTargets,
        Func<SourceMember, string>[] accountEvaluators,
        string[] organizationTargets,
        Func<SourceDepartment, string>[] organizationEvaluators)
    {
        AccountTargetNames = accountTargets;
        _accountEvaluators = accountEvaluators;
        OrganizationTargetNames = organizationTargets;
        _organizationEvaluators = organizationEvaluators;
    }

    /// <summary>The account fields written, in ordinal order.</summary>
    public IReadOnlyList<string> AccountTargets => AccountTargetNames;

    /// <summary>The organization fields written, in ordinal order.</summary>
    public IReadOnlyList<string> OrganizationTargets => OrganizationTargetNames;

    internal string[] AccountTargetNames { get; }

    internal string[] OrganizationTargetNames { get; }

    /// <summary>The account field values <paramref name="member"/> maps to.</summary>
    public FieldValues Preview(SourceMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var values = new string[AccountTargetNames.Length];
        Evaluate(member, values);
        return new FieldValues(AccountTargetNames, values);
    }

    /// <summary>The organization field values <paramref name="department"/> maps to.</summary>
    public FieldValues Preview(SourceDepartment department)
    {
        ArgumentNullException.ThrowIfNull(department);
        var values = new string[OrganizationTargetNames.Length];
        Evaluate(department, values);
        return new FieldValues(OrganizationTargetNames, values);
    }

    internal void Evaluate(SourceMember member, string[] values)
    {
        for (var i = 0; i < _accountEvaluators.Length; i++)
        {
            values[i] = _accountEvaluators[i](member);
        }
    }

    internal void Evaluate(SourceDepartment department, string[] values)
    {
        for (var i = 0; i < _organizationEvaluators.Length; i++)
        {
            values[i] = _organizationEvaluators[i](department);
        }
    }
}
