using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.WeCom.Simulator.Model;
using SimulatedStatus = Grid.WeCom.Simulator.Model.MemberStatus;

namespace Grid.Grains.Tests.Sync;

[Collection(SyncCollection.Name)]
public sealed class FullSyncTests(SyncClusterFixture fixture)
{
    [Fact]
    public async Task FullSync_OfANewCompany_MirrorsEveryDepartmentAndMemberWithStatusesAndSeveralDepartments()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 40, departments: 8);
        var company = scenario.Company;
        var disabled = company.Members[0].UserId;
        var notActivated = company.Members[1].UserId;
        company.UpdateMember(disabled, m => m with { Status = SimulatedStatus.Disabled });
        company.UpdateMember(notActivated, m => m with { Status = SimulatedStatus.NotActivated });
        Assert.Contains(company.Members, m => m.Departments.Count > 1);

        var started = await scenario.Coordinator.Start(dryRun: false, SyncScenario.Actor);
        var updates = new List<SyncRun>();
        await foreach (var update in scenario.Coordinator.Watch(started.RunId))
        {
            updates.Add(update);
        }

        var run = updates[^1];
        Assert.Equal(SyncRunState.Succeeded, run.State);
        Assert.Equal(SyncRunState.Pending, started.State);
        Assert.Equal(SyncTrigger.Manual, run.Trigger);
        Assert.Equal(SyncScenario.Actor, run.RequestedBy);
        Assert.NotNull(run.EndedAt);
        Assert.True(updates.Select(u => (int)u.State).SequenceEqual(updates.Select(u => (int)u.State).Order()), "states only move forward");
        Assert.Equal(company.DepartmentCount, run.DepartmentsFetched);
        Assert.Equal(company.MemberCount, run.MembersFetched);
        Assert.Equal(company.DepartmentCount, run.Planned.OrganizationsCreated);
        Assert.Equal(company.MemberCount, run.Planned.AccountsCreated);
        Assert.Equal(run.Planned with { Unchanged = 0 }, run.Applied);
        Assert.Equal(company.DepartmentCount + company.MemberCount, run.PlanStepCount);

        foreach (var department in company.Departments)
        {
            var organization = Assert.IsType<OrganizationView>(await scenario.OrganizationOfAsync(department.Id));
            Assert.Equal(department.Name, organization.Name);
            Assert.Equal(new ExternalId(scenario.ExternalIdSource, department.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), organization.ExternalId);
            var parent = department.ParentId == 0
                ? GridKeys.RootOrganizationId
                : (await scenario.Department(department.ParentId).Get())!.OrganizationId;
            Assert.Equal(parent, organization.ParentId);
        }

        foreach (var member in company.Members)
        {
            var account = Assert.IsType<AccountView>(await scenario.AccountOfAsync(member.UserId));
            Assert.Equal(member.UserId, account.Profile.Username);
            Assert.Equal(member.Name, account.Profile.DisplayName);
            Assert.Contains(new ExternalId(scenario.ExternalIdSource, member.UserId), account.ExternalIds);
            Assert.Equal(await scenario.OrganizationIdsOfAsync(member.Departments), account.OrganizationIds.Order(StringComparer.Ordinal).ToArray());
            var expected = member.UserId == disabled ? AccountStatus.Disabled
                : member.UserId == notActivated ? AccountStatus.NotActivated
                : member.Status switch
                {
                    SimulatedStatus.Disabled => AccountStatus.Disabled,
                    SimulatedStatus.NotActivated => AccountStatus.NotActivated,
                    _ => AccountStatus.Active,
                };
            Assert.Equal(expected, account.Status);
            var seen = Assert.IsType<WeComMemberView>(await scenario.Member(member.UserId).Get());
            Assert.Equal(account.AccountId, seen.AccountId);
            Assert.NotNull(seen.SourceHash);
            Assert.Equal(run.RunId, seen.LastRunId);
        }
    }

    [Fact]
    public async Task FullSync_AfterChangesInWeCom_RenamesMovesAndDeletesOrganizationsAndUpdatesMovesDisablesAndDeletesAccounts()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 30, departments: 8);
        var company = scenario.Company;
        company.AddDepartment(new SimulatedDepartment { Id = 900, Name = "临时项目组", ParentId = 1 });
        Assert.Equal(SyncRunState.Succeeded, (await scenario.RunAsync()).State);
        var renamed = company.Departments.First(d => d.Id != 1 && d.Id != 900);
        var moved = company.Departments.First(d => d.ParentId is not (0 or 1) && d.Id != renamed.Id);
        var members = company.Members.Where(m => m.Status == SimulatedStatus.Active).ToList();
        var (updated, movedMember, disabled, deleted) = (members[0], members[1], members[2], members[3]);
        var target = company.Departments.First(d => !movedMember.Departments.Contains(d.Id) && d.Id != 900);
        var deletedAccount = (await scenario.Member(deleted.UserId).Get())!.AccountId!;
        var removedOrganization = (await scenario.Department(900).Get())!.OrganizationId!;

        company.RenameDepartment(renamed.Id, renamed.Name + "二部");
        company.MoveDepartment(moved.Id, 1);
        company.DeleteDepartment(900);
        company.AddDepartment(new SimulatedDepartment { Id = 901, Name = "新设部门", ParentId = renamed.Id });
        company.UpdateMember(updated.UserId, m => m with { Name = "改名" + m.Name, Position = "架构师" });
        company.MoveMember(movedMember.UserId, [target.Id, 901]);
        company.UpdateMember(disabled.UserId, m => m with { Status = SimulatedStatus.Disabled });
        company.DeleteMember(deleted.UserId);
        company.AddMember(new SimulatedMember { UserId = "newcomer", Name = "新同事", Departments = [901] });

        var run = await scenario.RunAsync();

        Assert.Equal(SyncRunState.Succeeded, run.State);
        Assert.Equal(1, run.Applied.OrganizationsCreated);
        Assert.Equal(2, run.Applied.OrganizationsUpdated);
        Assert.Equal(1, run.Applied.OrganizationsDeleted);
        Assert.Equal(1, run.Applied.AccountsCreated);
        Assert.Equal(2, run.Applied.AccountsUpdated);
        Assert.Equal(2, run.Applied.AccountsDeleted);

        Assert.Equal(renamed.Name + "二部", (await scenario.OrganizationOfAsync(renamed.Id))!.Name);
        var movedOrganization = (await scenario.OrganizationOfAsync(moved.Id))!;
        Assert.Equal((await scenario.Department(1).Get())!.OrganizationId, movedOrganization.ParentId);
        Assert.True((await scenario.Organization(removedOrganization).Get())!.IsDeleted);
        Assert.Null((await scenario.Department(900).Get())!.OrganizationId);
        var created = (await scenario.OrganizationOfAsync(901))!;
        Assert.Equal((await scenario.Department(renamed.Id).Get())!.OrganizationId, created.ParentId);

        var updatedAccount = (await scenario.AccountOfAsync(updated.UserId))!;
        Assert.Equal("改名" + updated.Name, updatedAccount.Profile.DisplayName);
        Assert.Equal("架构师", updatedAccount.Profile.AttributesOrEmpty["job_title"]);
        Assert.Equal(
            await scenario.OrganizationIdsOfAsync([target.Id, 901]),
            (await scenario.AccountOfAsync(movedMember.UserId))!.OrganizationIds.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(AccountStatus.Disabled, (await scenario.AccountOfAsync(disabled.UserId))!.Status);
        Assert.Equal(AccountStatus.Deleted, (await scenario.Account(deletedAccount).Get())!.Status);
        Assert.Null((await scenario.Member(deleted.UserId).Get())!.AccountId);
        var newcomer = (await scenario.AccountOfAsync("newcomer"))!;
        Assert.Equal(created.OrganizationId, Assert.Single(newcomer.OrganizationIds));

        var steps = await scenario.PlanAsync(run.RunId);
        Assert.All(steps, step => Assert.Equal(SyncStepOutcome.Applied, step.Outcome));
        Assert.Contains(steps, step => step.Action == "organization.rename" && step.Source == $"department:{renamed.Id}");
        Assert.Contains(steps, step => step.Action == "organization.move" && step.Source == $"department:{moved.Id}");
        Assert.Contains(steps, step => step.Action == "organization.delete" && step.Source == "department:900");
        Assert.Contains(steps, step => step.Action == "account.move" && step.Source == $"user:{movedMember.UserId}");
        Assert.Contains(steps, step => step.Action == "account.disable" && step.Source == $"user:{disabled.UserId}");
        Assert.Contains(steps, step => step.Action == "account.delete" && step.Target == deletedAccount);
        Assert.True(
            steps.FindIndex(s => s.Action == "organization.create") < steps.FindIndex(s => s.Action == "account.create")
            && steps.FindIndex(s => s.Action == "account.delete") < steps.FindIndex(s => s.Action == "organization.delete"),
            "parents before children, creates before deletes");
    }

    [Fact]
    public async Task FullSync_WhenAnAccountMatchesTheMatchRule_AdoptsItInsteadOfCreatingADuplicate()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 10, departments: 3);
        var member = scenario.ActiveMembers[4];
        var existing = await scenario.Account("acc_existing").Create(
            AccountSpec.Active(new AccountProfile(member.UserId.ToUpperInvariant(), "Created by hand", null, null), GridKeys.RootOrganizationId));

        var run = await scenario.RunAsync();

        Assert.Equal(SyncRunState.Succeeded, run.State);
        Assert.Equal(1, run.Applied.AccountsAdopted);
        Assert.Equal(scenario.Company.MemberCount - 1, run.Applied.AccountsCreated);
        var adopted = (await scenario.AccountOfAsync(member.UserId))!;
        Assert.Equal(existing.AccountId, adopted.AccountId);
        Assert.Equal(member.Name, adopted.Profile.DisplayName);
        Assert.Contains(new ExternalId(scenario.ExternalIdSource, member.UserId), adopted.ExternalIds);
        Assert.Equal(await scenario.OrganizationIdsOfAsync(member.Departments), adopted.OrganizationIds.Order(StringComparer.Ordinal).ToArray());
        var step = (await scenario.PlanAsync(run.RunId)).Single(s => s.Action == "account.adopt");
        Assert.Equal("acc_existing", step.Target);
    }

    [Fact]
    public async Task Plan_IntoATenantWithoutAccounts_ReadsNoUniqueIndex_AndWithOneAccount_LooksUpEveryNewMember()
    {
        var empty = await SyncScenario.CreateAsync(fixture, members: 10, departments: 3);
        var before = fixture.Reads.Snapshot();
        var emptyRun = await empty.RunAsync(dryRun: true);
        var emptyReads = fixture.Reads.Since(before).GetValueOrDefault("unique-index");

        var populated = await SyncScenario.CreateAsync(fixture, members: 10, departments: 3);
        await populated.Account("acc_other").Create(
            AccountSpec.Active(new AccountProfile("someone.else", "Someone Else", null, null), GridKeys.RootOrganizationId));
        var beforePopulated = fixture.Reads.Snapshot();
        var populatedRun = await populated.RunAsync(dryRun: true);
        var populatedReads = fixture.Reads.Since(beforePopulated).GetValueOrDefault("unique-index");

        Assert.Equal((SyncRunState.Planned, SyncRunState.Planned), (emptyRun.State, populatedRun.State));
        Assert.Equal(empty.Company.MemberCount, emptyRun.Planned.AccountsCreated);
        Assert.Equal(0, emptyReads);
        Assert.True(populatedReads >= populated.ActiveMembers.Count, $"{populatedReads} unique-index reads for {populated.ActiveMembers.Count} active members");
    }

    [Fact]
    public async Task FullSync_WhenAKnownUseridChangeAndModeIsRebind_KeepsTheAccountAndMovesItsExternalId()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 10, departments: 3);
        var member = scenario.ActiveMembers[2];
        await scenario.RunAsync();
        var account = (await scenario.AccountOfAsync(member.UserId))!;

        scenario.Company.ChangeUserId(member.UserId, "renamed.user");
        await scenario.Member(member.UserId).RecordUserIdChange("renamed.user");
        var run = await scenario.RunAsync();

        Assert.Equal(SyncRunState.Succeeded, run.State);
        Assert.Equal(1, run.Applied.UseridsChanged);
        Assert.Equal(0, run.Applied.AccountsCreated + run.Applied.AccountsDeleted);
        var rebound = (await scenario.AccountOfAsync("renamed.user"))!;
        Assert.Equal(account.AccountId, rebound.AccountId);
        Assert.Equal(AccountStatus.Active, rebound.Status);
        Assert.Equal("renamed.user", rebound.Profile.Username);
        Assert.Contains(new ExternalId(scenario.ExternalIdSource, "renamed.user"), rebound.ExternalIds);
        Assert.DoesNotContain(new ExternalId(scenario.ExternalIdSource, member.UserId), rebound.ExternalIds);
        Assert.Null((await scenario.Member(member.UserId).Get())!.AccountId);
        Assert.Equal(member.UserId, Assert.Single((await scenario.Member("renamed.user").Get())!.PreviousUserIds));
        Assert.Equal(0, (await scenario.RunAsync()).PlanStepCount);
    }

    [Fact]
    public async Task FullSync_WhenAKnownUseridChangeAndModeIsRecreate_DeletesTheOldAccountAndCreatesANewOne()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 10, departments: 3, Abstractions.Connectors.UserIdChangeMode.Recreate);
        var member = scenario.ActiveMembers[2];
        await scenario.RunAsync();
        var old = (await scenario.AccountOfAsync(member.UserId))!;

        scenario.Company.ChangeUserId(member.UserId, "recreated.user");
        await scenario.Member(member.UserId).RecordUserIdChange("recreated.user");
        var run = await scenario.RunAsync();

        Assert.Equal(SyncRunState.Succeeded, run.State);
        Assert.Equal(1, run.Applied.UseridsChanged);
        Assert.Equal(1, run.Protection!.AccountDeletes);
        var recreated = (await scenario.AccountOfAsync("recreated.user"))!;
        Assert.NotEqual(old.AccountId, recreated.AccountId);
        Assert.Equal(AccountStatus.Active, recreated.Status);
        Assert.Equal(AccountStatus.Deleted, (await scenario.Account(old.AccountId).Get())!.Status);
        Assert.Equal(member.UserId, Assert.Single((await scenario.Member("recreated.user").Get())!.PreviousUserIds));
    }

    [Fact]
    public async Task FullSync_WhenAUseridChangedWithoutACallback_DeletesTheOldAccountAndCreatesANewOne()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 10, departments: 3);
        var member = scenario.ActiveMembers[2];
        await scenario.RunAsync();
        var old = (await scenario.AccountOfAsync(member.UserId))!;

        scenario.Company.ChangeUserId(member.UserId, "unannounced.user");
        var run = await scenario.RunAsync();

        Assert.Equal(SyncRunState.Succeeded, run.State);
        Assert.Equal(0, run.Applied.UseridsChanged);
        Assert.Equal(1, run.Applied.AccountsCreated);
        Assert.Equal(1, run.Applied.AccountsDeleted);
        Assert.Equal(AccountStatus.Deleted, (await scenario.Account(old.AccountId).Get())!.Status);
        Assert.NotEqual(old.AccountId, (await scenario.AccountOfAsync("unannounced.user"))!.AccountId);
    }

    [Fact]
    public async Task FullSync_WhenPlanDeletesMoreThanThreshold_IsProtectedAndDeletesNothing_ThenApproveAppliesItOnce()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 40, departments: 4);
        await scenario.RunAsync();
        var leaving = scenario.Company.Members.Take(31).Select(m => m.UserId).ToList();
        var accounts = new List<string>();
        foreach (var userId in leaving)
        {
            accounts.Add((await scenario.Member(userId).Get())!.AccountId!);
            scenario.Company.DeleteMember(userId);
        }

        var run = await scenario.RunAsync();

        Assert.Equal(SyncRunState.Protected, run.State);
        Assert.True(run.Protection!.Exceeded);
        Assert.Equal(31, run.Protection.AccountDeletes);
        Assert.Equal(30, run.Protection.MaxAccountDeletes);
        Assert.Contains("31 accounts", run.Message, StringComparison.Ordinal);
        Assert.Equal(SyncRunCounts.Zero, run.Applied);
        Assert.Equal(31, run.Planned.AccountsDeleted);
        foreach (var accountId in accounts)
        {
            Assert.NotEqual(AccountStatus.Deleted, (await scenario.Account(accountId).Get())!.Status);
        }

        var kept = await scenario.PlanAsync(run.RunId);
        Assert.Equal(31, kept.Count(step => step.Action == "account.delete"));
        Assert.All(kept, step => Assert.Equal(SyncStepOutcome.Pending, step.Outcome));

        var approved = await scenario.Coordinator.Approve(run.RunId, "gc_approver");
        Assert.Equal(SyncRunState.Applying, approved.State);
        var applied = await scenario.WaitForEndAsync(run.RunId);

        Assert.Equal(SyncRunState.Succeeded, applied.State);
        Assert.Equal("gc_approver", applied.ApprovedBy);
        Assert.Equal(31, applied.Applied.AccountsDeleted);
        foreach (var accountId in accounts)
        {
            Assert.Equal(AccountStatus.Deleted, (await scenario.Account(accountId).Get())!.Status);
        }

        var again = await Assert.ThrowsAsync<GridException>(() => scenario.Coordinator.Approve(run.RunId, "gc_approver"));
        Assert.Equal(GridErrorKind.FailedPrecondition, again.Kind);
    }

    [Fact]
    public async Task Cancel_OfAProtectedRun_EndsItCanceledWithEveryStepSkipped()
    {
        var scenario = await SyncScenario.CreateAsync(
            fixture, members: 6, departments: 3, thresholds: new Abstractions.Connectors.ProtectionThresholds(0, 0));
        await scenario.RunAsync();
        var userId = scenario.ActiveMembers[0].UserId;
        scenario.Company.DeleteMember(userId);
        var run = await scenario.RunAsync();
        Assert.Equal(SyncRunState.Protected, run.State);

        var canceled = await scenario.Coordinator.Cancel(run.RunId, "gc_admin", "not today");

        Assert.Equal(SyncRunState.Canceled, canceled.State);
        Assert.Equal("cancelled by gc_admin: not today", canceled.Message);
        Assert.All(await scenario.PlanAsync(run.RunId), step => Assert.Equal(SyncStepOutcome.Skipped, step.Outcome));
        Assert.Equal(AccountStatus.Active, (await scenario.AccountOfAsync(userId))!.Status);
        var approve = await Assert.ThrowsAsync<GridException>(() => scenario.Coordinator.Approve(run.RunId, "gc_admin"));
        Assert.Equal(GridErrorKind.FailedPrecondition, approve.Kind);
    }

    [Fact]
    public async Task FullSync_WithNoChangeInWeCom_PlansNothingAndWritesNoGrainStateButTheRunRecord()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 30, departments: 6);
        Assert.Equal(SyncRunState.Succeeded, (await scenario.RunAsync()).State);
        var before = fixture.Writes.Snapshot();

        var run = await scenario.RunAsync();

        var writes = fixture.Writes.Since(before);
        Assert.Equal(SyncRunState.Succeeded, run.State);
        Assert.Equal(0, run.PlanStepCount);
        Assert.Equal(scenario.Company.MemberCount + scenario.Company.DepartmentCount, run.Planned.Unchanged);
        // The coordinator records the run when it starts and when it ends, and the audit trail gets the manual start;
        // nothing else is written anywhere.
        Assert.Equal(new Dictionary<string, int> { ["sync-coordinator"] = 2, ["audit-log-segment"] = 1 }, writes);
    }

    [Fact]
    public async Task DryRun_PlansEverythingButChangesNothing()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 12, departments: 4);
        var member = scenario.Company.Members[0];

        var dry = await scenario.RunAsync(dryRun: true);

        Assert.Equal(SyncRunState.Planned, dry.State);
        Assert.True(dry.DryRun);
        Assert.Equal(SyncRunCounts.Zero, dry.Applied);
        Assert.Equal(scenario.Company.MemberCount, dry.Planned.AccountsCreated);
        var plan = await scenario.PlanAsync(dry.RunId);
        Assert.Equal(dry.PlanStepCount, plan.Count);
        Assert.Equal(plan.Select(s => s.Index), Enumerable.Range(0, plan.Count).Select(i => (long)i));
        Assert.Null(await scenario.Member(member.UserId).Get());
        Assert.Null(await scenario.Department(1).Get());
        Assert.Null(await scenario.Grains.GetGrain<IUniqueIndexGrain>(
            GridKeys.UniqueIndex(scenario.TenantId, UniqueField.Username, member.UserId)!).Get());

        var real = await scenario.RunAsync();

        Assert.Equal(SyncRunState.Succeeded, real.State);
        Assert.Equal(scenario.Company.MemberCount, real.Applied.AccountsCreated);
    }

    [Fact]
    public async Task GetPlanAndListRuns_PageThroughStepsAndRunsNewestFirst_AndRefuseForeignTokens()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 15, departments: 3);
        var first = await scenario.RunAsync(dryRun: true);
        var second = await scenario.RunAsync();

        var page = await scenario.Coordinator.GetPlan(second.RunId, null, 4);
        var runs = await scenario.Coordinator.ListRuns(null, 1);
        var rest = await scenario.Coordinator.ListRuns(runs.NextPageToken, 10);

        Assert.Equal(4, page.Steps.Length);
        Assert.Equal(second.PlanStepCount, page.TotalSteps);
        Assert.Equal(second.RunId, Assert.Single(runs.Runs).RunId);
        Assert.Equal(first.RunId, Assert.Single(rest.Runs).RunId);
        Assert.Equal(string.Empty, rest.NextPageToken);
        Assert.Equal((await scenario.PlanAsync(second.RunId, 1000)).Select(s => s.StepId), (await scenario.PlanAsync(second.RunId, 3)).Select(s => s.StepId));
        var foreign = await Assert.ThrowsAsync<GridException>(() => scenario.Coordinator.GetPlan(first.RunId, page.NextPageToken, 4));
        Assert.Equal("plan_page_token", foreign.Field);
        var unknown = await Assert.ThrowsAsync<GridException>(() => scenario.Coordinator.GetRun("no-such-run"));
        Assert.Equal(GridErrorKind.NotFound, unknown.Kind);
    }
}
