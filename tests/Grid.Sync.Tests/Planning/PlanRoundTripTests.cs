using Grid.Abstractions.Connectors;
using Grid.Sync.Planning;
using Grid.Sync.Sources;
using Grid.Sync.State;
using Grid.Sync.Tests.Support;

namespace Grid.Sync.Tests.Planning;

/// <summary>
/// Property: for random directories A and B, applying plan(B, state after plan(A)) leaves exactly B's mapping: the
/// same mapped state a first run over B gives (ids aside), a platform that mirrors B, continuing members keep their
/// accounts, and a further plan is empty.
/// </summary>
public sealed class PlanRoundTripTests
{
    [Theory]
    [InlineData(1, UserIdChangeMode.Rebind, LeftMemberAction.Disable)]
    [InlineData(2, UserIdChangeMode.Recreate, LeftMemberAction.Disable)]
    [InlineData(3, UserIdChangeMode.Rebind, LeftMemberAction.Delete)]
    [InlineData(4, UserIdChangeMode.Recreate, LeftMemberAction.Delete)]
    [InlineData(5, UserIdChangeMode.Rebind, LeftMemberAction.Disable)]
    [InlineData(6, UserIdChangeMode.Recreate, LeftMemberAction.Delete)]
    [InlineData(7, UserIdChangeMode.Rebind, LeftMemberAction.Delete)]
    [InlineData(8, UserIdChangeMode.Recreate, LeftMemberAction.Disable)]
    public void Plan_AfterAnEarlierPlanWasApplied_YieldsTheNewSnapshotsMapping(int seed, UserIdChangeMode mode, LeftMemberAction left)
    {
        var random = new Random(seed);
        var (departmentsA, membersA) = RandomDirectory.Generate(random, 60, 400);
        var (departmentsB, membersB, known) = RandomDirectory.Mutate(random, departmentsA, membersA);
        var settings = Plans.Settings with { UserIdChangeMode = mode, LeftMembers = left, KnownUserIdChanges = known };
        var a = new SourceSnapshot(departmentsA, membersA, true);
        var b = new SourceSnapshot(departmentsB, membersB, true);

        var applier = new TestApplier(Plans.SyncNode);
        applier.Apply(Plans.Plan(a, settings: settings, ids: new SequentialIds("a-")), random);
        Mirror.AssertMirrors(applier, a, settings);
        var stateA = applier.State;

        var planB = Plans.Plan(b, stateA, settings, ids: new SequentialIds("b-"));
        applier.Apply(planB, random);

        Mirror.AssertMirrors(applier, b, settings);
        var fresh = new TestApplier(Plans.SyncNode);
        fresh.Apply(Plans.Plan(b, settings: settings, ids: new SequentialIds("fresh-")));
        AssertSameMapping(fresh.State, applier.State);
        AssertAccountsKept(stateA, applier.State, b, known, mode);
        Assert.True(Plans.Plan(b, applier.State, settings).IsEmpty);
        var summary = planB.Summary;
        Assert.True(
            summary.OrganizationCreates > 0 && summary.OrganizationUpdates > 0 && summary.OrganizationMoves + summary.OrganizationDeletes > 0
            && summary.AccountCreates > 0 && summary.AccountUpdates > 0 && summary.AccountMoves > 0 && summary.AccountStatusChanges > 0
            && summary.AccountDeletes > 0 && summary.AccountRebinds + summary.AccountRecreates > 0 && summary.MemberRefreshes > 0,
            $"seed {seed} exercises too little: {summary}");
    }

    // The same entries a first run would record, except for the ids that plans allocate.
    private static void AssertSameMapping(MappedState expected, MappedState actual)
    {
        Assert.Equal(expected.Departments.Keys.Order(), actual.Departments.Keys.Order());
        foreach (var (id, department) in expected.Departments)
        {
            var other = actual.Departments[id];
            Assert.Equal(
                (department.ParentDepartmentId, department.Name, department.SourceHash, department.FieldsHash),
                (other.ParentDepartmentId, other.Name, other.SourceHash, other.FieldsHash));
        }

        Assert.Equal(expected.Members.Keys.Order(StringComparer.Ordinal), actual.Members.Keys.Order(StringComparer.Ordinal));
        foreach (var (userId, member) in expected.Members)
        {
            var other = actual.Members[userId];
            Assert.Equal((member.SourceHash, member.FieldsHash, member.Status), (other.SourceHash, other.FieldsHash, other.Status));
            Assert.Equal(member.OrganizationIds.Length, other.OrganizationIds.Length);
        }
    }

    private static void AssertAccountsKept(MappedState before, MappedState after, SourceSnapshot snapshot, Dictionary<string, string> known, UserIdChangeMode mode)
    {
        foreach (var member in snapshot.Members.Where(m => after.Members.ContainsKey(m.UserId)))
        {
            if (before.Members.TryGetValue(member.UserId, out var old))
            {
                Assert.Equal(old.AccountId, after.Members[member.UserId].AccountId);
            }
        }

        foreach (var (from, to) in known.Where(change => before.Members.ContainsKey(change.Key) && after.Members.ContainsKey(change.Value)))
        {
            var kept = before.Members[from].AccountId == after.Members[to].AccountId;
            Assert.Equal(mode == UserIdChangeMode.Rebind, kept);
        }
    }
}
