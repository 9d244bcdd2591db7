namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// An app's visible scope resolved against the department tree: the closure of its scope departments over
/// sub-departments plus its individually listed members. Rebuilt when the tree or the app changes.
/// </summary>
internal sealed class AppScope(SimulatedApp app, int treeVersion, HashSet<int> departments, HashSet<string> users)
{
    public SimulatedApp App { get; } = app;

    public int TreeVersion { get; } = treeVersion;

    public int DepartmentCount => departments.Count;

    public bool SeesDepartment(int departmentId) => departments.Contains(departmentId);

    public bool SeesMember(SimulatedMember member)
    {
        if (users.Count > 0 && users.Contains(member.UserId))
        {
            return true;
        }

        foreach (var department in member.Departments)
        {
            if (departments.Contains(department))
            {
                return true;
            }
        }

        return false;
    }
}
