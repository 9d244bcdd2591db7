namespace Grid.WeCom.Simulator.Model;

/// <summary>A department with its leaders (the members flagged as leading it), as the API serves it.</summary>
internal sealed record DepartmentView(SimulatedDepartment Department, IReadOnlyList<string> Leaders);
