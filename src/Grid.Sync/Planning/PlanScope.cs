namespace Grid.Sync.Planning;

/// <summary>
/// What an incremental plan is about: a few members and departments that WeCom reported as changed, instead of the
/// whole directory. The snapshot then holds those of them that WeCom still shows; the mapped state holds their entries
/// and the context they need (the departments they sit in and under, members linked to an account the match rule
/// finds). Only objects in scope are planned: one in scope that the snapshot lacks is gone (deleted, or out of the
/// app's visible range) and is planned as a full run plans a member or department that vanished; mapped departments
/// and members out of scope are context and never deleted.
/// </summary>
/// <param name="UserIds">The members in scope (userids ignore case).</param>
/// <param name="DepartmentIds">The departments in scope.</param>
public sealed record PlanScope(IReadOnlySet<string> UserIds, IReadOnlySet<long> DepartmentIds)
{
    /// <summary>Whether the member is in scope.</summary>
    public bool Contains(string userId) => UserIds.Contains(userId);

    /// <summary>Whether the department is in scope.</summary>
    public bool Contains(long departmentId) => DepartmentIds.Contains(departmentId);
}
