using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Sync.Planning;
using Grid.Sync.Sources;
using Grid.Sync.State;
using Grid.WeCom.Api;

namespace Grid.Grains.Sync.Incremental;

/// <summary>
/// What an incremental plan is made from: the member or department fetched fresh from WeCom (or known to be gone),
/// with the departments it needs that are not mapped yet (fetched too, so that they are created first, as a full run
/// would), and the mapped state it is diffed against: its own entries and the context around them, read from the
/// roster (<see cref="IMappedStateStore.ReadEntriesAsync"/>), never the whole roster.
/// </summary>
internal sealed record IncrementalSnapshot(
    SourceSnapshot Snapshot,
    MappedState Mapped,
    IReadOnlyDictionary<string, string> Renames,
    IReadOnlyDictionary<string, string> Candidates,
    PlanScope Scope)
{
    // WeCom's tree is at most 15 levels deep; a longer chain of unmapped parents is a cycle or a fault.
    private const int MaxDepth = 32;

    public static async Task<IncrementalSnapshot> BuildAsync(
        IncrementalTarget target,
        ConnectorSyncSettings settings,
        IMappedStateStore store,
        WeComClient client,
        IGrainFactory grains,
        string tenantId,
        CancellationToken cancellationToken)
    {
        var userIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var departmentIds = new HashSet<long>();
        var members = new List<SourceMember>();
        var departments = new Dictionary<long, SourceDepartment>();
        var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (target.UserId is { } userId)
        {
            userIds.Add(userId);
            if (target.NewUserId is { } newUserId)
            {
                userIds.Add(newUserId);
                renames[userId] = newUserId;
            }

            if (!target.Deleted && await FetchMemberAsync(client, settings.App, target.CurrentUserId!, cancellationToken) is { } member)
            {
                members.Add(member);
            }
        }
        else if (target.DepartmentId is { } departmentId)
        {
            departmentIds.Add(departmentId);
            if (!target.Deleted && await FetchTargetDepartmentAsync(client, settings.App, departmentId, cancellationToken) is { } department)
            {
                departments[department.Id] = department;
            }
        }

        // The departments the plan needs: the members' and each fetched department's parent. Those not mapped are
        // fetched; the visible ones join the plan (and need their parents in turn), the others are out of scope.
        var needed = new HashSet<long>(members.SelectMany(m => m.Departments));
        needed.UnionWith(departments.Values.Select(d => d.ParentId).Where(id => id != 0));
        var (mapped, pending) = await store.ReadEntriesAsync(userIds, [.. needed.Union(departmentIds)]);
        var context = mapped.Departments.ToDictionary();
        for (var level = 0; level < MaxDepth; level++)
        {
            var missing = needed.Where(id => !context.ContainsKey(id) && !departments.ContainsKey(id)).ToList();
            if (missing.Count == 0)
            {
                break;
            }

            needed.Clear();
            var fetched = await Task.WhenAll(missing.Select(id => FetchDepartmentAsync(client, settings.App, id, cancellationToken)));
            foreach (var department in fetched.OfType<SourceDepartment>())
            {
                departments[department.Id] = department;
                departmentIds.Add(department.Id);
                if (department.ParentId != 0 && department.ParentId != department.Id)
                {
                    needed.Add(department.ParentId);
                }
            }

            var (parents, _) = await store.ReadEntriesAsync([], needed);
            foreach (var (id, parent) in parents.Departments)
            {
                context[id] = parent;
            }
        }

        foreach (var (from, to) in pending)
        {
            renames.TryAdd(from, to);
        }

        var snapshot = new SourceSnapshot([.. departments.Values], members, Complete: true);
        var candidates = await store.FindAdoptionCandidatesAsync(snapshot, mapped, renames, settings, cancellationToken);
        var linked = await LinkedMembersAsync(candidates.Values, members, settings, store, grains, tenantId);
        var allMembers = mapped.Members.Concat(linked.Members.Where(m => !mapped.Members.ContainsKey(m.Key)));
        return new IncrementalSnapshot(
            snapshot,
            new MappedState(context, allMembers),
            renames,
            candidates,
            new PlanScope(userIds, departmentIds));
    }

    // A full run tells an account already linked to another member by the whole mapped state; here the account's
    // external id of this connector names that member, whose roster entry then says whether the link stands.
    private static async Task<MappedState> LinkedMembersAsync(
        IEnumerable<string> candidateAccounts,
        List<SourceMember> members,
        ConnectorSyncSettings settings,
        IMappedStateStore store,
        IGrainFactory grains,
        string tenantId)
    {
        var others = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var accountId in candidateAccounts.Distinct(StringComparer.Ordinal))
        {
            var account = await grains.GetGrain<IAccountGrain>(GridKeys.Account(tenantId, accountId)).Get();
            foreach (var id in account?.ExternalIds ?? [])
            {
                if (string.Equals(id.Source, settings.ExternalIdSource, StringComparison.OrdinalIgnoreCase)
                    && !members.Exists(m => string.Equals(m.UserId, id.Value, StringComparison.OrdinalIgnoreCase)))
                {
                    others.Add(id.Value);
                }
            }
        }

        return others.Count == 0 ? MappedState.Empty : (await store.ReadEntriesAsync(others, [])).Mapped;
    }

    // user/get answers 60111 for a member who is gone and 60011 for one outside the app's visible range, but either may
    // also be a fault (an app misconfigured for a moment, an answer meant for another corp). So the member is taken as
    // gone only when a read that is conclusive agrees: user/list_id, the app's whole visible range, does not list it.
    // When it does list it, or that read fails, the change fails and is retried: never a delete caused by a fault.
    private static async Task<SourceMember?> FetchMemberAsync(WeComClient client, WeComApp app, string userId, CancellationToken cancellationToken)
    {
        try
        {
            return SyncConversions.ToSource(await client.GetUserAsync(app, userId, cancellationToken));
        }
        catch (WeComApiException error) when (error.ErrCode is WeComErrorCodes.UserIdNotFound or WeComErrorCodes.NoPrivilege)
        {
            await foreach (var row in client.ListAllUserIdsAsync(app, cancellationToken))
            {
                if (string.Equals(row.UserId, userId, StringComparison.OrdinalIgnoreCase))
                {
                    throw new WeComApiException(
                        error.Api, error.ErrCode, $"{error.ErrMsg} (but user/list_id lists the member, so it is not taken as gone)");
                }
            }

            return null;
        }
    }

    // The department a change is about, confirmed gone as a member is: absent from department/simplelist (every
    // department the app sees). A department fetched only as context (a parent) is left out of the plan when not found.
    private static async Task<SourceDepartment?> FetchTargetDepartmentAsync(
        WeComClient client, WeComApp app, long id, CancellationToken cancellationToken)
    {
        try
        {
            return SyncConversions.ToSource(await client.GetDepartmentAsync(app, id, cancellationToken));
        }
        catch (WeComApiException error) when (error.ErrCode is WeComErrorCodes.DepartmentNotFound or WeComErrorCodes.NoPrivilege)
        {
            if ((await client.ListDepartmentIdsAsync(app, cancellationToken: cancellationToken)).Any(d => d.Id == id))
            {
                throw new WeComApiException(
                    error.Api, error.ErrCode, $"{error.ErrMsg} (but department/simplelist lists the department, so it is not taken as gone)");
            }

            return null;
        }
    }

    private static async Task<SourceDepartment?> FetchDepartmentAsync(WeComClient client, WeComApp app, long id, CancellationToken cancellationToken)
    {
        try
        {
            return SyncConversions.ToSource(await client.GetDepartmentAsync(app, id, cancellationToken));
        }
        catch (WeComApiException error) when (error.ErrCode is WeComErrorCodes.DepartmentNotFound or WeComErrorCodes.NoPrivilege)
        {
            return null;
        }
    }

    /// <summary>The records of the plan's steps, in the plan's order, as a run's chunk would hold them.</summary>
    public ImmutableArray<SyncStepRecord> Records(SyncPlan plan) =>
        [.. new PlanChunks(Snapshot, Mapped, Math.Max(1, plan.Batches.Max(batch => batch.Steps.Length))).Cut(plan).Chunks.SelectMany(chunk => chunk)];
}
