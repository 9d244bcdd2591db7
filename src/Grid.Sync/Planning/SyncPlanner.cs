using Grid.Abstractions;
using Grid.Sync.Mapping;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Sync.Planning;

/// <summary>Diffs a WeCom snapshot against what Grid last applied and plans the changes. Pure: no I/O, no clock.</summary>
public static class SyncPlanner
{
    /// <summary>
    /// Plans one sync run. Time and memory grow linearly with the snapshot and the mapped state.
    /// </summary>
    /// <param name="snapshot">What WeCom shows; must be complete.</param>
    /// <param name="mapped">What Grid last applied (<see cref="MappedState.Empty"/> the first time).</param>
    /// <param name="settings">Sync node, mappings, match rule, userid-change mode, left-member action.</param>
    /// <param name="adoptionCandidates">
    /// Existing accounts not linked to any member, by the value of the match rule's account field
    /// (member-side match value → account id). Its comparer decides whether matching ignores case.
    /// </param>
    /// <param name="newId">
    /// Allocates the unique part of the ids of new organizations and accounts, which the planner prefixes with
    /// <see cref="GridKeys.OrganizationIdPrefix"/> and <see cref="GridKeys.AccountIdPrefix"/>; a random GUID ("N"
    /// format) by default.
    /// </param>
    /// <param name="scope">
    /// Null for a full run (the snapshot is the whole visible directory); otherwise the members and departments an
    /// incremental plan is about (see <see cref="PlanScope"/>).
    /// </param>
    /// <exception cref="SyncPlanningException">The snapshot is incomplete or inconsistent, or the mapped state is.</exception>
    /// <exception cref="InvalidSyncSettingsException">The settings are invalid.</exception>
    public static SyncPlan Plan(
        SourceSnapshot snapshot,
        MappedState mapped,
        SyncSettings settings,
        IReadOnlyDictionary<string, string> adoptionCandidates,
        Func<string>? newId = null,
        PlanScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(adoptionCandidates);
        if (!snapshot.Complete)
        {
            throw new SyncPlanningException(
                "The snapshot is incomplete: a fetch that did not finish is never planned, because everything it missed would be deleted.");
        }

        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidSyncSettingsException(errors);
        }

        var mappings = settings.Mappings.Compile();
        var matchValue = settings.MatchRule is { } rule ? MappingExpression.Parse(rule.MemberField).CompileForMember() : null;
        var builder = new PlanBuilder(snapshot, mapped, settings, mappings, matchValue, adoptionCandidates, newId ?? NewGuid, scope);
        return builder.Build();
    }

    private static string NewGuid() => Guid.NewGuid().ToString("N");
}
