namespace Grid.Sync.State;

/// <summary>
/// Everything Grid last applied for one connector: WeCom department id → <see cref="MappedDepartment"/> and
/// WeCom userid → <see cref="MappedMember"/>. Userids are compared without regard to case, as WeCom does.
/// Immutable; the grain side keeps it current by recording each applied step's result (see
/// <see cref="Planning.Steps.MemberStep"/> and <see cref="Planning.Steps.DepartmentStep"/>).
/// </summary>
public sealed class MappedState
{
    /// <summary>Nothing applied yet: the first run creates everything.</summary>
    public static MappedState Empty { get; } = new([], []);

    /// <summary>Copies the entries; a userid that appears twice (in any case) is an error.</summary>
    /// <exception cref="ArgumentException">A department id or userid appears twice.</exception>
    public MappedState(
        IEnumerable<KeyValuePair<long, MappedDepartment>> departments,
        IEnumerable<KeyValuePair<string, MappedMember>> members)
    {
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(members);

        var departmentMap = new Dictionary<long, MappedDepartment>();
        foreach (var (id, department) in departments)
        {
            ArgumentNullException.ThrowIfNull(department);
            if (!departmentMap.TryAdd(id, department))
            {
                throw new ArgumentException($"Department {id} appears twice in the mapped state.", nameof(departments));
            }
        }

        var memberMap = new Dictionary<string, MappedMember>(StringComparer.OrdinalIgnoreCase);
        foreach (var (userId, member) in members)
        {
            ArgumentException.ThrowIfNullOrEmpty(userId);
            ArgumentNullException.ThrowIfNull(member);
            if (!memberMap.TryAdd(userId, member))
            {
                throw new ArgumentException($"Userid '{userId}' appears twice in the mapped state (userids ignore case).", nameof(members));
            }
        }

        Departments = departmentMap;
        Members = memberMap;
    }

    /// <summary>WeCom department id → what was applied.</summary>
    public IReadOnlyDictionary<long, MappedDepartment> Departments { get; }

    /// <summary>WeCom userid (case-insensitive) → what was applied.</summary>
    public IReadOnlyDictionary<string, MappedMember> Members { get; }
}
