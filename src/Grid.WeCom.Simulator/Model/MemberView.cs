namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// A member as one app sees it: only the departments in the app's scope (with their orders and leader flags), the
/// main department only when visible, the direct leaders in scope, and no sensitive fields for new apps.
/// </summary>
internal sealed record MemberView(
    SimulatedMember Member,
    IReadOnlyList<int> Departments,
    IReadOnlyList<long> Orders,
    IReadOnlyList<int> IsLeaderInDept,
    int? MainDepartment,
    IReadOnlyList<string> DirectLeaders,
    bool HideSensitive);
