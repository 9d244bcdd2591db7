namespace Grid.Grains.Sync;

[GenerateSerializer]
[Alias("grid.sync-roster-state")]
public sealed class SyncRosterState
{
    /// <summary>Lower-cased userid → entry.</summary>
    [Id(0)]
    public Dictionary<string, RosterMember> Members { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public Dictionary<long, RosterDepartment> Departments { get; set; } = [];
}
