namespace Grid.Sync.Planning;

/// <summary>Something the planner could not plan and left as it was, e.g. a member the mapping gives no username.</summary>
/// <param name="Subject">What it is about: <c>member USERID</c> or <c>department ID</c>.</param>
/// <param name="Message">What is wrong and what happens.</param>
public sealed record PlanIssue(string Subject, string Message);
