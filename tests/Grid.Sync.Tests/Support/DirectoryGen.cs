using FsCheck;
using FsCheck.Fluent;
using Grid.Abstractions.Connectors;
using Grid.Sync.Planning;
using Grid.Sync.Sources;

namespace Grid.Sync.Tests.Support;

/// <summary>
/// Two WeCom directories drawn from one small pool of department ids and userids, so that a second one renames,
/// moves (anywhere, even under a former descendant), adds, removes and re-statuses what the first holds; with
/// userid changes from members that left the pool to members that joined it, and random sync modes.
/// </summary>
internal sealed record DirectoryChange(
    SourceSnapshot Before,
    SourceSnapshot After,
    IReadOnlyDictionary<string, string> KnownUserIdChanges,
    UserIdChangeMode Mode,
    LeftMemberAction LeftMembers)
{
    public SyncSettings Settings => Plans.Settings with
    {
        UserIdChangeMode = Mode,
        LeftMembers = LeftMembers,
        KnownUserIdChanges = KnownUserIdChanges.ToDictionary(),
    };

    public override string ToString() =>
        $"mode {Mode}, left {LeftMembers}, known [{string.Join(", ", KnownUserIdChanges.Select(c => $"{c.Key}->{c.Value}"))}]\n"
        + $"before: {Describe(Before)}\nafter: {Describe(After)}";

    private static string Describe(SourceSnapshot snapshot) =>
        string.Join(" ", snapshot.Departments.Select(d => $"{d.Id}<{d.ParentId}:{d.Name}"))
        + " | " + string.Join(" ", snapshot.Members.Select(m => $"{m.UserId}@{string.Join(',', m.Departments)}:{m.Status}:{m.Name}"));
}

internal static class DirectoryGen
{
    private const int DepartmentPool = 12;
    private const int UserPool = 24;

    private static readonly string[] DepartmentNames = ["研发", "Sales", "Ops", "研发"];
    private static readonly string[] MemberNames = ["张三", "Zoë", "Ana María", "Ng"];
    private static readonly MemberStatus[] Statuses =
        [MemberStatus.Active, MemberStatus.Active, MemberStatus.Disabled, MemberStatus.NotActivated, MemberStatus.Left];

    public static Arbitrary<DirectoryChange> Changes { get; } = ChangeGen().ToArbitrary();

    private static Gen<DirectoryChange> ChangeGen() =>
        from before in Snapshot()
        from after in Snapshot()
        from known in KnownChanges(before, after)
        from mode in Gen.Elements(UserIdChangeMode.Rebind, UserIdChangeMode.Recreate)
        from left in Gen.Elements(LeftMemberAction.Disable, LeftMemberAction.Delete)
        select new DirectoryChange(before, after, known, mode, left);

    private static Gen<SourceSnapshot> Snapshot() =>
        from departments in Departments()
        from members in Members(departments.Select(d => d.Id).ToArray())
        select new SourceSnapshot(departments, members, true);

    // A random subset of the pool in random order; each department's parent comes earlier in that order, or is
    // outside the visible scope (0 or an id not drawn): then it is one of the top-most visible departments.
    private static Gen<List<SourceDepartment>> Departments() =>
        from ids in Gen.Shuffle(Enumerable.Range(1, DepartmentPool).Select(i => (long)i).ToArray())
        from count in Gen.Choose(1, DepartmentPool)
        from picks in Gen.ArrayOf(Gen.Choose(0, DepartmentPool), count)
        from names in Gen.ArrayOf(Gen.Elements(DepartmentNames), count)
        select Enumerable.Range(0, count)
            .Select(i => new SourceDepartment(ids[i], ParentOf(ids, i, picks[i]), names[i], null, picks[i]))
            .ToList();

    private static long ParentOf(long[] ids, int index, int pick) => index == 0 || pick >= index ? 0 : ids[pick];

    private static Gen<List<SourceMember>> Members(long[] departmentIds) =>
        from userIds in Gen.SubListOf(Enumerable.Range(0, UserPool).Select(i => $"u{i:D2}"))
        from members in Gen.CollectToList(userIds, userId => Member(userId, departmentIds))
        select members;

    private static Gen<SourceMember> Member(string userId, long[] departmentIds) =>
        from departments in Gen.NonEmptyListOf(Gen.Elements(departmentIds))
        from name in Gen.Elements(MemberNames)
        from status in Gen.Elements(Statuses)
        from mobile in Gen.Elements<string?>(null, "13800000001", "13900000002")
        select new SourceMember
        {
            UserId = userId,
            Name = name,
            Departments = [.. departments.Distinct()],
            MainDepartment = departments[0],
            Status = status,
            Mobile = mobile,
        };

    private static Gen<IReadOnlyDictionary<string, string>> KnownChanges(SourceSnapshot before, SourceSnapshot after)
    {
        var gone = before.Members.Select(m => m.UserId).Except(after.Members.Select(m => m.UserId)).ToArray();
        var joined = after.Members.Select(m => m.UserId).Except(before.Members.Select(m => m.UserId)).ToArray();
        return from olds in Gen.SubListOf(gone)
               from news in Gen.Shuffle(joined)
               select (IReadOnlyDictionary<string, string>)olds.Zip(news).ToDictionary(p => p.First, p => p.Second);
    }
}
