using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.Tests.Support;

namespace Grid.Sync.Tests.Properties;

/// <summary>
/// FsCheck properties of the planner over generated pairs of directories (<see cref="DirectoryGen"/>): the plan of the
/// second over what the first left brings the platform to the second; no plan deletes what its snapshot holds; a plan
/// that protection lets through never deletes more than the thresholds.
/// </summary>
public sealed class PlannerProperties
{
    [Property(MaxTest = 300)]
    public Property ApplyingThePlan_ToTheCurrentState_YieldsTheSnapshot() =>
        Prop.ForAll(DirectoryGen.Changes, change =>
        {
            var settings = change.Settings;
            var applier = new TestApplier(Plans.SyncNode);
            applier.Apply(Plans.Plan(change.Before, settings: settings, ids: new SequentialIds("a-")));
            Mirror.AssertMirrors(applier, change.Before, settings);

            applier.Apply(Plans.Plan(change.After, applier.State, settings, ids: new SequentialIds("b-")), new Random(0));

            Mirror.AssertMirrors(applier, change.After, settings);
            Assert.True(Plans.Plan(change.After, applier.State, settings).IsEmpty, "a second plan over the same snapshot is not empty");
        });

    [Property(MaxTest = 300)]
    public Property APlan_NeverDeletes_WhatTheSnapshotHolds() =>
        Prop.ForAll(DirectoryGen.Changes, change =>
        {
            var settings = change.Settings;
            var state = Plans.FirstRun(change.Before, settings).State;
            var plan = Plans.Plan(change.After, state, settings);

            var departments = change.After.Departments.Select(d => d.Id).ToHashSet();
            var members = change.After.Members.ToDictionary(m => m.UserId, StringComparer.OrdinalIgnoreCase);
            foreach (var step in plan.Steps)
            {
                switch (step)
                {
                    case OrganizationDelete delete:
                        Assert.DoesNotContain(delete.DepartmentId, departments);
                        break;
                    case AccountDelete delete when members.TryGetValue(delete.UserId, out var member):
                        Assert.True(
                            member.Status == MemberStatus.Left && settings.LeftMembers == LeftMemberAction.Delete,
                            $"{step.Id} deletes the account of {member.UserId}, who is in the snapshot as {member.Status}");
                        break;
                    case AccountRecreate recreate:
                        Assert.False(members.ContainsKey(recreate.PreviousUserId), $"{step.Id} deletes the account of {recreate.PreviousUserId}, who is in the snapshot");
                        break;
                }
            }
        });

    [Property(MaxTest = 300)]
    public Property APlanProtectionAllows_DeletesNoMoreThanTheThresholds() =>
        Prop.ForAll(DirectoryGen.Changes, Policies(), (change, policy) =>
        {
            var settings = change.Settings;
            var state = Plans.FirstRun(change.Before, settings).State;
            var plan = Plans.Plan(change.After, state, settings);

            var verdict = Protection.Evaluate(plan.Summary, state.Members.Count, state.Departments.Count, policy);

            var accountDeletes = plan.Steps.Count(s => s is AccountDelete or AccountRecreate);
            var organizationDeletes = plan.Steps.Count(s => s is OrganizationDelete);
            var overLimit = accountDeletes > policy.MaxAccountDeletes || organizationDeletes > policy.MaxOrganizationDeletes
                || (policy.MaxDeletePercent is { } percent
                    && (accountDeletes * 100m > (decimal)percent * state.Members.Count
                        || organizationDeletes * 100m > (decimal)percent * state.Departments.Count));
            Assert.Equal(overLimit, verdict.IsBlocked);
            Assert.Equal(overLimit, !verdict.Reasons.IsEmpty);
        });

    private static Arbitrary<ProtectionPolicy> Policies() =>
        (from accounts in Gen.Choose(0, 12)
         from organizations in Gen.Choose(0, 6)
         from percent in Gen.Elements<double?>(null, 0, 10, 33.3, 50, 100)
         select new ProtectionPolicy(accounts, organizations, percent)).ToArbitrary();
}
