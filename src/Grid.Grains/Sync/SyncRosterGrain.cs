using System.Collections.Immutable;

namespace Grid.Grains.Sync;

public sealed class SyncRosterGrain(
    [PersistentState("sync-roster", "grid")] IPersistentState<SyncRosterState> state) : Grain, ISyncRosterGrain
{
    public Task<RosterBucket> Get() =>
        Task.FromResult(new RosterBucket([.. state.State.Members.Values], [.. state.State.Departments.Values]));

    public Task<RosterBucket> Find(ImmutableArray<string> userIds, ImmutableArray<long> departmentIds)
    {
        var members = ImmutableArray.CreateBuilder<RosterMember>();
        foreach (var userId in userIds)
        {
            if (state.State.Members.TryGetValue(userId.ToLowerInvariant(), out var member))
            {
                members.Add(member);
            }
        }

        var departments = ImmutableArray.CreateBuilder<RosterDepartment>();
        foreach (var id in departmentIds)
        {
            if (state.State.Departments.TryGetValue(id, out var department))
            {
                departments.Add(department);
            }
        }

        return Task.FromResult(new RosterBucket(members.ToImmutable(), departments.ToImmutable()));
    }

    public async Task Apply(RosterChanges changes)
    {
        var next = Copy();
        var members = next.Members;
        var departments = next.Departments;
        var changed = false;
        foreach (var userId in changes.RemovedMembers)
        {
            var key = userId.ToLowerInvariant();
            if (members.TryGetValue(key, out var current) && !changes.IsOlderThan(current.ObservedAt))
            {
                changed |= members.Remove(key);
            }
        }

        foreach (var member in changes.Members)
        {
            var key = member.UserId.ToLowerInvariant();
            if (!members.TryGetValue(key, out var current) || (!current.Equals(member) && !changes.IsOlderThan(current.ObservedAt)))
            {
                members[key] = member;
                changed = true;
            }
        }

        foreach (var id in changes.RemovedDepartments)
        {
            if (departments.TryGetValue(id, out var current) && !changes.IsOlderThan(current.ObservedAt))
            {
                changed |= departments.Remove(id);
            }
        }

        foreach (var department in changes.Departments)
        {
            if (!departments.TryGetValue(department.DepartmentId, out var current)
                || (!current.Equals(department) && !changes.IsOlderThan(current.ObservedAt)))
            {
                departments[department.DepartmentId] = department;
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteOrRevertAsync(next);
        }
    }

    public async Task MarkRenamed(string userId, string newUserId)
    {
        var key = userId.ToLowerInvariant();
        if (state.State.Members.TryGetValue(key, out var member)
            && !string.Equals(member.RenamedTo, newUserId, StringComparison.Ordinal))
        {
            var next = Copy();
            next.Members[key] = member with { RenamedTo = newUserId };
            await state.WriteOrRevertAsync(next);
        }
    }

    // The entries are immutable records: a copy of the two maps is a new state that shares them.
    private SyncRosterState Copy() => new()
    {
        Members = new Dictionary<string, RosterMember>(state.State.Members, StringComparer.Ordinal),
        Departments = new Dictionary<long, RosterDepartment>(state.State.Departments),
    };
}
