using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Grains.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Grains.Sync;

/// <summary>
/// A connector's mapped state as the roster buckets hold it (<see cref="SyncRoster"/>), and the adoption lookups that
/// go with planning against it: unique-index reads of the members new to the connector.
/// </summary>
internal sealed class SyncRosterStore(IGrainFactory grains, string tenantId, string connectorId, int parallelism) : IMappedStateStore
{
    public async Task<(MappedState Mapped, IReadOnlyDictionary<string, string> Renames)> ReadAsync()
    {
        var buckets = await SyncRoster.ReadAllAsync(grains, tenantId, connectorId, parallelism);

        // Off the activation's thread: at 100,000 members the conversion takes a while.
        return await Task.Run(() => ToMapped(buckets));
    }

    public async Task<(MappedState Mapped, IReadOnlyDictionary<string, string> Renames)> ReadEntriesAsync(
        IReadOnlyCollection<string> userIds, IReadOnlyCollection<long> departmentIds)
    {
        var wanted = new Dictionary<int, (List<string> UserIds, List<long> DepartmentIds)>();
        (List<string> UserIds, List<long> DepartmentIds) For(int bucket)
        {
            if (!wanted.TryGetValue(bucket, out var entry))
            {
                wanted[bucket] = entry = ([], []);
            }

            return entry;
        }

        foreach (var userId in userIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            For(SyncRoster.BucketOfMember(userId)).UserIds.Add(userId);
        }

        foreach (var id in departmentIds.Distinct())
        {
            For(SyncRoster.BucketOfDepartment(id)).DepartmentIds.Add(id);
        }

        var buckets = await Task.WhenAll(wanted.Select(pair =>
            SyncRoster.Bucket(grains, tenantId, connectorId, pair.Key).Find([.. pair.Value.UserIds], [.. pair.Value.DepartmentIds])));
        return ToMapped(buckets);
    }

    private static (MappedState Mapped, IReadOnlyDictionary<string, string> Renames) ToMapped(IEnumerable<RosterBucket> buckets)
    {
        var members = new List<KeyValuePair<string, MappedMember>>();
        var departments = new List<KeyValuePair<long, MappedDepartment>>();
        var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var bucket in buckets)
        {
            foreach (var member in bucket.Members)
            {
                members.Add(new(member.UserId, SyncConversions.ToMapped(member)));
                if (member.RenamedTo is { } renamedTo)
                {
                    renames[member.UserId] = renamedTo;
                }
            }

            foreach (var department in bucket.Departments)
            {
                departments.Add(new(department.DepartmentId, SyncConversions.ToMapped(department)));
            }
        }

        return (new MappedState(departments, members), renames);
    }

    // Existing accounts the match rule may adopt: one unique-index lookup per distinct match value of the members
    // that are new to this connector (members already mapped cost nothing, so a re-run does no lookups), unless the
    // tenant has no account at all.
    public async Task<IReadOnlyDictionary<string, string>> FindAdoptionCandidatesAsync(
        SourceSnapshot snapshot,
        MappedState mapped,
        IReadOnlyDictionary<string, string> renames,
        ConnectorSyncSettings settings,
        CancellationToken cancellationToken)
    {
        var candidates = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (settings.MatchField is not { } field || settings.MatchRule is not { } rule)
        {
            return candidates;
        }

        Func<SourceMember, string> matchValue;
        try
        {
            matchValue = MappingExpression.Parse(rule.MemberField).CompileForMember();
        }
        catch (MappingExpressionException error)
        {
            throw new SyncRunFailedException($"the match rule cannot be used: match_rule.member_field: {error.Message}", error);
        }

        var renamedTo = new HashSet<string>(renames.Values, StringComparer.OrdinalIgnoreCase);
        var values = await Task.Run(() => snapshot.Members
            .Where(m => !mapped.Members.ContainsKey(m.UserId) && !renamedTo.Contains(m.UserId) && m.Status != MemberStatus.Left)
            .Select(matchValue)
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList());

        // Nothing new to match (a re-run), or a tenant without a live account, which has nothing to adopt: one read of
        // the account catalog's buckets instead of a unique-index read per new member (a first import into an empty
        // tenant). An account whose creation is still delivering its catalog entry while this runs is not seen; where
        // the mapping writes the matched field, the member's create then fails on its claim and the next run adopts it.
        if (values.Count == 0 || (await Rosters.PageAsync(grains, tenantId, Rosters.AccountCatalog, null, 1)).Items.IsEmpty)
        {
            return candidates;
        }
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = parallelism,
            CancellationToken = cancellationToken,
            TaskScheduler = TaskScheduler.Current,
        };
        await Parallel.ForEachAsync(values, options, async (value, _) =>
        {
            if (GridKeys.UniqueIndex(tenantId, field, value) is { } key
                && await grains.GetGrain<IUniqueIndexGrain>(key).Get() is { } accountId)
            {
                candidates[value] = accountId;
            }
        });
        return candidates;
    }

    // Applied steps only: a failed step leaves the mapped state as it was, so the next run plans it again.
    public async Task RecordAsync(ImmutableArray<SyncStepRecord> steps, IReadOnlyList<SyncStepResult> results, SyncStepContext context)
    {
        var observedAt = context.ObservedAt;
        var changes = new Dictionary<int, (List<string> RemovedMembers, List<RosterMember> Members, List<long> RemovedDepartments, List<RosterDepartment> Departments)>();
        (List<string> RemovedMembers, List<RosterMember> Members, List<long> RemovedDepartments, List<RosterDepartment> Departments) For(int bucket)
        {
            if (!changes.TryGetValue(bucket, out var entry))
            {
                changes[bucket] = entry = ([], [], [], []);
            }

            return entry;
        }

        for (var i = 0; i < steps.Length; i++)
        {
            if (results[i].Outcome != SyncStepOutcome.Applied)
            {
                continue;
            }

            if (steps[i].Step is MemberStep member)
            {
                if (member.PreviousUserId is { } previous)
                {
                    For(SyncRoster.BucketOfMember(previous)).RemovedMembers.Add(previous);
                }

                var bucket = For(SyncRoster.BucketOfMember(member.UserId));
                if (member.Result is { } entry)
                {
                    bucket.Members.Add(SyncConversions.ToRoster(member.UserId, entry with { AccountId = results[i].Target }, context));
                }
                else
                {
                    bucket.RemovedMembers.Add(member.UserId);
                }
            }
            else if (steps[i].Step is DepartmentStep department)
            {
                var bucket = For(SyncRoster.BucketOfDepartment(department.DepartmentId));
                if (department.Result is { } entry)
                {
                    bucket.Departments.Add(SyncConversions.ToRoster(department.DepartmentId, entry, observedAt));
                }
                else
                {
                    bucket.RemovedDepartments.Add(department.DepartmentId);
                }
            }
        }

        await Task.WhenAll(changes.Select(pair => SyncRoster.Bucket(grains, tenantId, connectorId, pair.Key).Apply(
            new RosterChanges([.. pair.Value.RemovedMembers], [.. pair.Value.Members], [.. pair.Value.RemovedDepartments], [.. pair.Value.Departments])
            {
                ObservedAt = observedAt,
            })));
    }
}
