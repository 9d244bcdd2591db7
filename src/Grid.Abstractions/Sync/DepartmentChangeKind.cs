namespace Grid.Abstractions.Sync;

/// <summary>What a <see cref="DepartmentSyncChange"/> does to the department's organization.</summary>
[GenerateSerializer]
[Alias("grid.department-change-kind")]
public enum DepartmentChangeKind
{
    /// <summary>Create the organization (id allocated by the plan).</summary>
    Create = 1,

    /// <summary>Rename and/or move the organization.</summary>
    Update = 2,

    /// <summary>Record the department as seen; the organization needs no change.</summary>
    Refresh = 3,

    /// <summary>Delete the organization (its members leave it first).</summary>
    Delete = 4,
}
