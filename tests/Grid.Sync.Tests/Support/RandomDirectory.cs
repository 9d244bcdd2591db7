using Grid.Sync.Sources;

namespace Grid.Sync.Tests.Support;

/// <summary>Random but seeded WeCom directories, and random edits of them, for property-style tests.</summary>
internal static class RandomDirectory
{
    private static readonly string[] Names = ["张三", "李四", "王五", "赵六", "Zoë", "Ana María", "Müller", "Ng"];
    private static readonly MemberStatus[] Statuses =
        [MemberStatus.Active, MemberStatus.Active, MemberStatus.Active, MemberStatus.Disabled, MemberStatus.NotActivated, MemberStatus.Left];

    public static (List<SourceDepartment> Departments, List<SourceMember> Members) Generate(Random random, int departmentCount, int memberCount)
    {
        var departments = new List<SourceDepartment> { new(1, 0, "Corp", "Corp", 0) };
        for (var id = 2L; id <= departmentCount; id++)
        {
            departments.Add(NewDepartment(random, id, departments[random.Next(departments.Count)].Id));
        }

        var ids = departments.Select(d => d.Id).ToArray();
        var members = Enumerable.Range(0, memberCount).Select(i => NewMember(random, $"u{i:D4}", ids)).ToList();
        return (departments, members);
    }

    /// <summary>
    /// Renames, moves (never into its own subtree), adds and deletes departments, sometimes drops the root from the
    /// visible scope; edits, moves, re-statuses, deletes, adds and re-userids members. Userid changes are reported
    /// as known for two out of three.
    /// </summary>
    public static (List<SourceDepartment> Departments, List<SourceMember> Members, Dictionary<string, string> KnownUserIdChanges) Mutate(
        Random random, IReadOnlyList<SourceDepartment> before, IReadOnlyList<SourceMember> members)
    {
        var departments = before.ToDictionary(d => d.Id);
        foreach (var department in before.Where(_ => random.Next(10) == 0))
        {
            departments[department.Id] = department with { Name = department.Name + " renamed" };
        }

        foreach (var department in before.Where(d => d.Id != 1 && random.Next(20) == 0))
        {
            var subtree = Subtree(departments.Values, department.Id);
            var parents = departments.Keys.Where(id => !subtree.Contains(id)).ToArray();
            departments[department.Id] = departments[department.Id] with { ParentId = parents[random.Next(parents.Length)] };
        }

        var nextId = before.Max(d => d.Id) + 1;
        for (var i = 0; i < 5; i++)
        {
            var parents = departments.Keys.ToArray();
            departments[nextId] = NewDepartment(random, nextId, parents[random.Next(parents.Length)]);
            nextId++;
        }

        var parentIds = departments.Values.Select(d => d.ParentId).ToHashSet();
        foreach (var leaf in departments.Values.Where(d => d.Id != 1 && !parentIds.Contains(d.Id) && random.Next(20) == 0).ToArray())
        {
            departments.Remove(leaf.Id);
        }

        if (random.Next(3) == 0)
        {
            // The app's scope loses the root: its children become the top-most visible departments.
            departments.Remove(1);
        }

        var ids = departments.Keys.ToArray();
        var after = new List<SourceMember>();
        var known = new Dictionary<string, string>();
        foreach (var member in members)
        {
            var roll = random.Next(100);
            var changed = roll switch
            {
                < 5 => null,
                < 15 => member with { Name = member.Name + "!", Mobile = random.Next(2) == 0 ? null : "139" + roll },
                < 25 => member with { Departments = PickDepartments(random, ids) },
                < 35 => member with { Status = Statuses[random.Next(Statuses.Length)] },
                < 38 => member with { UserId = member.UserId + "-r" },
                < 41 => member with { DirectLeaders = ["someone"] },
                _ => member,
            };

            if (changed is null)
            {
                continue;
            }

            if (changed.UserId != member.UserId && random.Next(3) > 0)
            {
                known[member.UserId] = changed.UserId;
            }

            after.Add(changed);
        }

        for (var i = 0; i < members.Count / 20; i++)
        {
            after.Add(NewMember(random, $"n{i:D4}", ids));
        }

        return ([.. departments.Values], after, known);
    }

    private static SourceDepartment NewDepartment(Random random, long id, long parentId) =>
        new(id, parentId, $"部门 {id}", random.Next(2) == 0 ? null : $"Dept {id}", random.Next(100));

    private static SourceMember NewMember(Random random, string userId, long[] departmentIds)
    {
        var departments = PickDepartments(random, departmentIds);
        return new SourceMember
        {
            UserId = userId,
            Name = Names[random.Next(Names.Length)] + userId,
            Departments = departments,
            MainDepartment = departments[0],
            Position = random.Next(3) == 0 ? "" : "工程师",
            Status = Statuses[random.Next(Statuses.Length)],
            Alias = random.Next(2) == 0 ? "" : userId.ToUpperInvariant(),
            Mobile = random.Next(3) == 0 ? null : $"138{random.Next(100_000_000):D8}",
            Email = random.Next(2) == 0 ? null : $"{userId}@home.example",
            BizMail = random.Next(2) == 0 ? "" : $"{userId}@corp.example",
            ExtAttrs = random.Next(4) == 0 ? new Dictionary<string, string> { ["工号"] = userId } : new Dictionary<string, string>(),
        };
    }

    private static long[] PickDepartments(Random random, long[] departmentIds) =>
        [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => departmentIds[random.Next(departmentIds.Length)])];

    private static HashSet<long> Subtree(IEnumerable<SourceDepartment> departments, long root)
    {
        var children = departments.ToLookup(d => d.ParentId, d => d.Id);
        var subtree = new HashSet<long> { root };
        var pending = new Stack<long>([root]);
        while (pending.TryPop(out var id))
        {
            foreach (var child in children[id])
            {
                if (subtree.Add(child))
                {
                    pending.Push(child);
                }
            }
        }

        return subtree;
    }
}
