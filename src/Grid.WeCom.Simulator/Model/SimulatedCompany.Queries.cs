using Grid.WeCom.Simulator.Api;

namespace Grid.WeCom.Simulator.Model;

// Reads as one app sees them: what the HTTP API serves.
public sealed partial class SimulatedCompany
{
    internal Outcome<IReadOnlyList<DepartmentView>> ListDepartments(int agentId, int? id)
    {
        lock (_gate)
        {
            var scope = ScopeFor(agentId);
            var result = new List<DepartmentView>();
            if (id is { } root)
            {
                if (!_departments.ContainsKey(root))
                {
                    return Outcome<IReadOnlyList<DepartmentView>>.Fail(WeComErrors.DepartmentNotFound);
                }

                if (!scope.SeesDepartment(root))
                {
                    return Outcome<IReadOnlyList<DepartmentView>>.Fail(WeComErrors.NoPrivilege);
                }

                AddSubtree(root, result);
                return Outcome<IReadOnlyList<DepartmentView>>.Ok(result);
            }

            var roots = _departments.Values
                .Where(d => scope.SeesDepartment(d.Id) && !scope.SeesDepartment(d.ParentId))
                .OrderByDescending(d => d.Order)
                .ThenBy(d => d.Id);
            foreach (var department in roots)
            {
                AddSubtree(department.Id, result);
            }

            return Outcome<IReadOnlyList<DepartmentView>>.Ok(result);
        }
    }

    internal Outcome<DepartmentView> GetDepartment(int agentId, int id)
    {
        lock (_gate)
        {
            if (!_departments.TryGetValue(id, out var department))
            {
                return Outcome<DepartmentView>.Fail(WeComErrors.DepartmentNotFound);
            }

            return ScopeFor(agentId).SeesDepartment(id)
                ? Outcome<DepartmentView>.Ok(new DepartmentView(department, LeadersLocked(id)))
                : Outcome<DepartmentView>.Fail(WeComErrors.NoPrivilege);
        }
    }

    internal Outcome<IReadOnlyList<MemberView>> ListMembers(int agentId, int departmentId)
    {
        lock (_gate)
        {
            if (!_departments.ContainsKey(departmentId))
            {
                return Outcome<IReadOnlyList<MemberView>>.Fail(WeComErrors.DepartmentNotFound);
            }

            var scope = ScopeFor(agentId);
            if (!scope.SeesDepartment(departmentId))
            {
                return Outcome<IReadOnlyList<MemberView>>.Fail(WeComErrors.NoPrivilege);
            }

            if (!_byDepartment.TryGetValue(departmentId, out var entries))
            {
                return Outcome<IReadOnlyList<MemberView>>.Ok([]);
            }

            // WeCom lists a department's members by their order in it, larger first.
            var ordered = entries
                .Select(entry => (entry, order: OrderIn(entry.Member, departmentId)))
                .OrderByDescending(pair => pair.order)
                .ThenBy(pair => pair.entry.Sequence)
                .Select(pair => ViewLocked(pair.entry.Member, scope))
                .ToList();
            return Outcome<IReadOnlyList<MemberView>>.Ok(ordered);
        }
    }

    internal Outcome<MemberView> GetMember(int agentId, string userId)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(userId, out var entry))
            {
                return Outcome<MemberView>.Fail(WeComErrors.UserIdNotFound);
            }

            var scope = ScopeFor(agentId);
            return scope.SeesMember(entry.Member)
                ? Outcome<MemberView>.Ok(ViewLocked(entry.Member, scope))
                : Outcome<MemberView>.Fail(WeComErrors.NoPrivilege);
        }
    }

    /// <summary>
    /// One page of (userid, department) rows over the members in scope, in creation order, one row per department
    /// the app sees. The cursor survives mutations: deleted members are skipped, new ones come at the end.
    /// </summary>
    internal MemberIdPage ListMemberIds(int agentId, MemberCursor? cursor, int limit)
    {
        lock (_gate)
        {
            var scope = ScopeFor(agentId);
            var rows = new List<(string, int)>(Math.Min(limit, 4096));
            var start = cursor is { } c ? LowerBound(c.Sequence) : 0;
            var departments = new List<int>(4);
            for (var i = start; i < _order.Count; i++)
            {
                var entry = _order[i];
                if (!scope.SeesMember(entry.Member))
                {
                    continue;
                }

                SeenDepartments(entry.Member, scope, departments);
                var from = cursor is { } resume && resume.Sequence == entry.Sequence ? resume.Index : 0;
                for (var j = from; j < departments.Count; j++)
                {
                    if (rows.Count == limit)
                    {
                        return new MemberIdPage(rows, new MemberCursor(entry.Sequence, j));
                    }

                    rows.Add((entry.Member.UserId, departments[j]));
                }

                if (rows.Count == limit)
                {
                    var next = NextVisible(i + 1, scope);
                    return new MemberIdPage(rows, next is null ? null : new MemberCursor(next.Sequence, 0));
                }
            }

            return new MemberIdPage(rows, null);
        }
    }

    /// <summary>The member, whether it is in the app's scope, and whether it can sign in (active).</summary>
    internal (SimulatedMember? Member, bool InScope) FindForLogin(int agentId, string userId)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(userId, out var entry))
            {
                return (null, false);
            }

            return (entry.Member, _apps.ContainsKey(agentId) && ScopeFor(agentId).SeesMember(entry.Member));
        }
    }

    /// <summary>Active members in the app's scope whose userid or name contains <paramref name="filter"/>.</summary>
    internal IReadOnlyList<SimulatedMember> LoginCandidates(int? agentId, string? filter, int max)
    {
        lock (_gate)
        {
            var scope = agentId is { } id && _apps.ContainsKey(id) ? ScopeFor(id) : null;
            var result = new List<SimulatedMember>();
            foreach (var entry in _order)
            {
                var member = entry.Member;
                if (member.Status != MemberStatus.Active || (scope is not null && !scope.SeesMember(member)))
                {
                    continue;
                }

                if (!string.IsNullOrEmpty(filter)
                    && !member.UserId.Contains(filter, StringComparison.OrdinalIgnoreCase)
                    && !member.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                result.Add(member);
                if (result.Count == max)
                {
                    break;
                }
            }

            return result;
        }
    }

    private void AddSubtree(int id, List<DepartmentView> result)
    {
        var pending = new Stack<int>();
        pending.Push(id);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            result.Add(new DepartmentView(_departments[current], LeadersLocked(current)));
            if (!_children.TryGetValue(current, out var children))
            {
                continue;
            }

            // Pushed in reverse so that the larger order comes out first.
            foreach (var child in children
                .Select(childId => _departments[childId])
                .OrderBy(d => d.Order)
                .ThenByDescending(d => d.Id))
            {
                pending.Push(child.Id);
            }
        }
    }

    private MemberView ViewLocked(SimulatedMember member, AppScope scope)
    {
        var indexes = new List<int>(member.Departments.Count);
        for (var i = 0; i < member.Departments.Count; i++)
        {
            if (scope.SeesDepartment(member.Departments[i]))
            {
                indexes.Add(i);
            }
        }

        // A member in scope only by name (not by department) still shows its departments: every WeCom member has one.
        if (indexes.Count == 0 && scope.SeesMember(member))
        {
            indexes.AddRange(Enumerable.Range(0, member.Departments.Count));
        }

        var departments = new int[indexes.Count];
        var orders = new long[indexes.Count];
        var leaders = new int[indexes.Count];
        for (var k = 0; k < indexes.Count; k++)
        {
            departments[k] = member.Departments[indexes[k]];
            orders[k] = member.OrderAt(indexes[k]);
            leaders[k] = member.IsLeaderAt(indexes[k]);
        }

        var main = member.EffectiveMainDepartment;
        var directLeaders = member.DirectLeaders.Count == 0
            ? member.DirectLeaders
            : member.DirectLeaders
                .Where(leader => _members.TryGetValue(leader, out var entry) && scope.SeesMember(entry.Member))
                .ToArray();
        return new MemberView(
            member,
            departments,
            orders,
            leaders,
            Array.IndexOf(departments, main) >= 0 ? main : null,
            directLeaders,
            scope.App.HidesSensitiveFields);
    }

    private static void SeenDepartments(SimulatedMember member, AppScope scope, List<int> departments)
    {
        departments.Clear();
        foreach (var department in member.Departments)
        {
            if (scope.SeesDepartment(department))
            {
                departments.Add(department);
            }
        }

        if (departments.Count == 0)
        {
            departments.AddRange(member.Departments);
        }
    }

    private static long OrderIn(SimulatedMember member, int departmentId)
    {
        for (var i = 0; i < member.Departments.Count; i++)
        {
            if (member.Departments[i] == departmentId)
            {
                return member.OrderAt(i);
            }
        }

        return 0;
    }

    private MemberEntry? NextVisible(int from, AppScope scope)
    {
        for (var i = from; i < _order.Count; i++)
        {
            if (scope.SeesMember(_order[i].Member))
            {
                return _order[i];
            }
        }

        return null;
    }

    private int LowerBound(long sequence)
    {
        int low = 0, high = _order.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_order[mid].Sequence < sequence)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
