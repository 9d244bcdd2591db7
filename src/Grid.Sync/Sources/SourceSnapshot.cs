namespace Grid.Sync.Sources;

/// <summary>Everything a full fetch saw of WeCom's directory.</summary>
/// <param name="Departments">The visible departments.</param>
/// <param name="Members">The visible members.</param>
/// <param name="Complete">
/// True only when every page and every department was fetched. A partial snapshot is never planned: whatever it
/// missed would look deleted.
/// </param>
public sealed record SourceSnapshot(
    IReadOnlyList<SourceDepartment> Departments,
    IReadOnlyList<SourceMember> Members,
    bool Complete);
