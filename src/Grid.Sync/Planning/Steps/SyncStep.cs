namespace Grid.Sync.Planning.Steps;

/// <summary>
/// One idempotent unit of a <see cref="SyncPlan"/>. <see cref="Id"/> (kind and key, e.g. <c>account-create:zhangsan</c>)
/// is unique within its plan, so an applier can checkpoint the ids it finished and skip them on resume.
/// Steps are also what the member and department grains apply, as they are and with the ids below (kept in run
/// chunks: never renumber them).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.sync.step")]
public abstract record SyncStep
{
    /// <summary>What the step does.</summary>
    public abstract SyncStepKind Kind { get; }

    /// <summary>Kind and key, unique within the plan.</summary>
    public abstract string Id { get; }

    /// <summary>The phase the step belongs to.</summary>
    public SyncPhase Phase => Kind switch
    {
        SyncStepKind.OrganizationCreate or SyncStepKind.OrganizationUpdate or SyncStepKind.DepartmentRefresh => SyncPhase.Organizations,
        SyncStepKind.AccountDelete => SyncPhase.AccountDeletes,
        SyncStepKind.OrganizationDelete => SyncPhase.OrganizationDeletes,
        _ => SyncPhase.Accounts,
    };
}
