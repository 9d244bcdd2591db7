using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Grains.Sync.Incremental;
using Grid.WeCom.Events;
using Grid.WeCom.Simulator.Model;
using Microsoft.Extensions.DependencyInjection;
using SimulatedStatus = Grid.WeCom.Simulator.Model.MemberStatus;

namespace Grid.Grains.Tests.Sync.Incremental;

/// <summary>
/// The applier on the test cluster against the simulator: each change is given as WeCom sends it since 2022-08-15
/// (only the UserID or department Id), so every field comes from the fresh user/get or department/get.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class ContactChangeApplierTests(SyncClusterFixture fixture)
{
    private static int _nextEvent;

    private IContactChangeApplier Applier => fixture.SiloServices.GetRequiredService<IContactChangeApplier>();

    [Fact]
    public async Task MemberUpdated_AfterAFullRun_FetchesTheMemberAndUpdatesItsAccountOnce()
    {
        var scenario = await SyncedAsync();
        var member = scenario.ActiveMembers[0];
        var target = scenario.Company.Departments.First(d => !member.Departments.Contains(d.Id));
        scenario.Company.UpdateMember(member.UserId, m => m with { Name = "改名" + m.Name, Position = "架构师" });
        scenario.Company.MoveMember(member.UserId, [target.Id]);

        var outcome = await ApplyAsync(scenario, Updated(scenario, member.UserId));

        Assert.Equal(ContactChangeOutcome.Applied, outcome);
        var account = (await scenario.AccountOfAsync(member.UserId))!;
        Assert.Equal("改名" + member.Name, account.Profile.DisplayName);
        Assert.Equal("架构师", account.Profile.Attributes!["job_title"]);
        Assert.Equal(await scenario.OrganizationIdsOfAsync([target.Id]), account.OrganizationIds.ToArray());
        Assert.Equal(ContactChangeOutcome.Ignored, await ApplyAsync(scenario, Updated(scenario, member.UserId)));
        Assert.Equal(0, (await scenario.RunAsync()).PlanStepCount);
    }

    [Fact]
    public async Task MemberCreated_InADepartmentNotSyncedYet_CreatesTheOrganizationThenTheAccountAsAFullRunWould()
    {
        var scenario = await SyncedAsync();
        scenario.Company.AddDepartment(new SimulatedDepartment { Id = 700, Name = "新部门", ParentId = 1 });
        scenario.Company.AddMember(new SimulatedMember { UserId = "newcomer", Name = "新同事", Departments = [700], Position = "工程师" });

        var outcome = await ApplyAsync(scenario, new MemberCreated(scenario.Company.CorpId, DateTimeOffset.UtcNow, "newcomer", new MemberFields()));

        Assert.Equal(ContactChangeOutcome.Applied, outcome);
        var organization = (await scenario.OrganizationOfAsync(700))!;
        Assert.Equal("新部门", organization.Name);
        Assert.Equal((await scenario.Department(1).Get())!.OrganizationId, organization.ParentId);
        var account = (await scenario.AccountOfAsync("newcomer"))!;
        Assert.Equal("newcomer", account.Profile.Username);
        Assert.Equal("新同事", account.Profile.DisplayName);
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.Contains(new ExternalId(scenario.ExternalIdSource, "newcomer"), account.ExternalIds);
        Assert.Equal<string>([organization.OrganizationId], account.OrganizationIds);
        Assert.StartsWith("event:", (await scenario.Member("newcomer").Get())!.LastRunId);
        Assert.Equal(0, (await scenario.RunAsync()).PlanStepCount);
    }

    [Fact]
    public async Task MemberCreated_WhenAnAccountMatchesTheMatchRule_AdoptsIt()
    {
        var scenario = await SyncedAsync();
        var existing = await scenario.Account("acc_by_hand").Create(
            AccountSpec.Active(new AccountProfile("adoptee", "Created by hand", null, null), GridKeys.RootOrganizationId));
        scenario.Company.AddMember(new SimulatedMember { UserId = "adoptee", Name = "被收养", Departments = [1] });

        var outcome = await ApplyAsync(scenario, new MemberCreated(scenario.Company.CorpId, DateTimeOffset.UtcNow, "adoptee", new MemberFields()));

        Assert.Equal(ContactChangeOutcome.Applied, outcome);
        var adopted = (await scenario.AccountOfAsync("adoptee"))!;
        Assert.Equal(existing.AccountId, adopted.AccountId);
        Assert.Equal("被收养", adopted.Profile.DisplayName);
        Assert.Contains(new ExternalId(scenario.ExternalIdSource, "adoptee"), adopted.ExternalIds);
    }

    [Fact]
    public async Task DepartmentCreatedAndUpdated_CreateAndRenameTheOrganizationUnderItsParent()
    {
        var scenario = await SyncedAsync();
        var parent = scenario.Company.Departments.First(d => d.Id != 1);
        scenario.Company.AddDepartment(new SimulatedDepartment { Id = 701, Name = "项目组", ParentId = parent.Id });

        var created = await ApplyAsync(scenario, new DepartmentCreated(scenario.Company.CorpId, DateTimeOffset.UtcNow, 701, null, null, null));
        scenario.Company.RenameDepartment(parent.Id, parent.Name + "二部");
        var renamed = await ApplyAsync(scenario, new DepartmentUpdated(scenario.Company.CorpId, DateTimeOffset.UtcNow, parent.Id, null, null));

        Assert.Equal(ContactChangeOutcome.Applied, created);
        Assert.Equal(ContactChangeOutcome.Applied, renamed);
        var parentOrganization = (await scenario.OrganizationOfAsync(parent.Id))!;
        Assert.Equal(parent.Name + "二部", parentOrganization.Name);
        var organization = (await scenario.OrganizationOfAsync(701))!;
        Assert.Equal("项目组", organization.Name);
        Assert.Equal(parentOrganization.OrganizationId, organization.ParentId);
        Assert.Equal(0, (await scenario.RunAsync()).PlanStepCount);
    }

    [Fact]
    public async Task DepartmentDeleted_DeletesItsOrganization()
    {
        var scenario = await SyncedAsync(extraDepartment: true);
        var organizationId = (await scenario.Department(900).Get())!.OrganizationId!;
        scenario.Company.DeleteDepartment(900);

        var outcome = await ApplyAsync(scenario, new DepartmentDeleted(scenario.Company.CorpId, DateTimeOffset.UtcNow, 900));

        Assert.Equal(ContactChangeOutcome.Applied, outcome);
        Assert.True((await scenario.Organization(organizationId).Get())!.IsDeleted);
        Assert.Equal(0, (await scenario.RunAsync()).PlanStepCount);
    }

    [Fact]
    public async Task MemberDeletedOrLeft_AreTreatedAsAFullRunWould()
    {
        var scenario = await SyncedAsync();
        var (deleted, left) = (scenario.ActiveMembers[0], scenario.ActiveMembers[2]);
        var deletedAccount = (await scenario.AccountOfAsync(deleted.UserId))!.AccountId;
        scenario.Company.DeleteMember(deleted.UserId);
        scenario.Company.UpdateMember(left.UserId, m => m with { Status = SimulatedStatus.Quit });

        Assert.Equal(ContactChangeOutcome.Applied, await ApplyAsync(scenario, new MemberDeleted(scenario.Company.CorpId, DateTimeOffset.UtcNow, deleted.UserId)));
        Assert.Equal(ContactChangeOutcome.Applied, await ApplyAsync(scenario, Updated(scenario, left.UserId)));

        Assert.Equal(AccountStatus.Deleted, (await scenario.Account(deletedAccount).Get())!.Status);
        Assert.Null((await scenario.Member(deleted.UserId).Get())!.AccountId);
        Assert.Equal(AccountStatus.Disabled, (await scenario.AccountOfAsync(left.UserId))!.Status);
        await AssertNextRunLeavesAsync(scenario, deleted.UserId, left.UserId);
    }

    [Fact]
    public async Task MemberUpdated_ForAMemberWhoLeftTheVisibleScope_DeletesTheAccount()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 12, departments: 4);
        scenario.Company.AddDepartment(new SimulatedDepartment { Id = 950, Name = "外包", ParentId = 1 });
        scenario.Company.AddMember(new SimulatedMember { UserId = "outsider", Name = "外包同事", Departments = [950] });
        Assert.Equal(SyncRunState.Succeeded, (await scenario.RunAsync()).State);
        var accountId = (await scenario.AccountOfAsync("outsider"))!.AccountId;
        var stillVisible = scenario.Company.ChildrenOf(1).Select(d => d.Id).Where(id => id != 950).ToList();
        scenario.Company.SetVisibleScope(scenario.Company.DefaultApp.AgentId, stillVisible);

        var outcome = await ApplyAsync(scenario, Updated(scenario, "outsider"));

        Assert.Equal(ContactChangeOutcome.Applied, outcome);
        Assert.Equal(AccountStatus.Deleted, (await scenario.Account(accountId).Get())!.Status);
        Assert.Null((await scenario.Member("outsider").Get())!.AccountId);
    }

    [Fact]
    public async Task MemberUpdated_WithANewUserIdAndModeRebind_KeepsTheAccount()
    {
        var scenario = await SyncedAsync();
        var member = scenario.ActiveMembers[3];
        var account = (await scenario.AccountOfAsync(member.UserId))!;
        scenario.Company.ChangeUserId(member.UserId, "inc.renamed");

        var outcome = await ApplyAsync(
            scenario, new MemberUpdated(scenario.Company.CorpId, DateTimeOffset.UtcNow, member.UserId, "inc.renamed", new MemberFields()));

        Assert.Equal(ContactChangeOutcome.Applied, outcome);
        var rebound = (await scenario.AccountOfAsync("inc.renamed"))!;
        Assert.Equal(account.AccountId, rebound.AccountId);
        Assert.Equal("inc.renamed", rebound.Profile.Username);
        Assert.Contains(new ExternalId(scenario.ExternalIdSource, "inc.renamed"), rebound.ExternalIds);
        Assert.DoesNotContain(new ExternalId(scenario.ExternalIdSource, member.UserId), rebound.ExternalIds);
        Assert.Null((await scenario.Member(member.UserId).Get())!.AccountId);
        Assert.Equal(member.UserId, Assert.Single((await scenario.Member("inc.renamed").Get())!.PreviousUserIds));
        await AssertNextRunLeavesAsync(scenario, member.UserId, "inc.renamed");
    }

    [Fact]
    public async Task MemberUpdated_WithANewUserIdAndModeRecreate_DeletesTheOldAccountAndCreatesANewOne()
    {
        var scenario = await SyncedAsync(UserIdChangeMode.Recreate);
        var member = scenario.ActiveMembers[3];
        var old = (await scenario.AccountOfAsync(member.UserId))!;
        scenario.Company.ChangeUserId(member.UserId, "inc.recreated");

        var outcome = await ApplyAsync(
            scenario, new MemberUpdated(scenario.Company.CorpId, DateTimeOffset.UtcNow, member.UserId, "inc.recreated", new MemberFields()));

        Assert.Equal(ContactChangeOutcome.Applied, outcome);
        var recreated = (await scenario.AccountOfAsync("inc.recreated"))!;
        Assert.NotEqual(old.AccountId, recreated.AccountId);
        Assert.Equal(AccountStatus.Active, recreated.Status);
        Assert.Equal(AccountStatus.Deleted, (await scenario.Account(old.AccountId).Get())!.Status);
        await AssertNextRunLeavesAsync(scenario, member.UserId, "inc.recreated");
    }

    [Fact]
    public async Task AnyChange_WhenContactSyncIsOff_IsIgnoredAndChangesNothing()
    {
        var scenario = await SyncedAsync();
        var member = scenario.ActiveMembers[0];
        var before = (await scenario.AccountOfAsync(member.UserId))!;
        var features = (await scenario.Connector.Get())!.Features;
        await scenario.Connector.SetFeatures(features with { ContactSync = false }, SyncScenario.Actor);
        scenario.Company.UpdateMember(member.UserId, m => m with { Name = "不应出现" });

        Assert.Equal(ContactChangeOutcome.Ignored, await ApplyAsync(scenario, Updated(scenario, member.UserId)));
        Assert.Equal(ContactChangeOutcome.Ignored, await ApplyAsync(scenario, new MemberDeleted(scenario.Company.CorpId, DateTimeOffset.UtcNow, member.UserId)));

        Assert.Equal(before, await scenario.AccountOfAsync(member.UserId));
    }

    private async Task<SyncScenario> SyncedAsync(UserIdChangeMode mode = UserIdChangeMode.Rebind, bool extraDepartment = false)
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 12, departments: 4, mode);
        if (extraDepartment)
        {
            scenario.Company.AddDepartment(new SimulatedDepartment { Id = 900, Name = "临时项目组", ParentId = 1 });
        }

        Assert.Equal(SyncRunState.Succeeded, (await scenario.RunAsync()).State);
        return scenario;
    }

    // The simulator rewrites other members' direct leaders on a userid change or delete without a callback, so the
    // next run refreshes those; it must plan nothing for the members the changes were about.
    private static async Task AssertNextRunLeavesAsync(SyncScenario scenario, params string[] userIds)
    {
        var run = await scenario.RunAsync();
        Assert.Equal(SyncRunState.Succeeded, run.State);
        Assert.DoesNotContain(await scenario.PlanAsync(run.RunId), step => userIds.Any(userId => step.Source == "user:" + userId));
    }

    private Task<ContactChangeOutcome> ApplyAsync(SyncScenario scenario, ContactChange change) =>
        Applier.ApplyAsync(
            scenario.TenantId,
            SyncScenario.ConnectorId,
            "evt-" + Interlocked.Increment(ref _nextEvent).ToString(System.Globalization.CultureInfo.InvariantCulture),
            change,
            CancellationToken.None);

    private static MemberUpdated Updated(SyncScenario scenario, string userId) =>
        new(scenario.Company.CorpId, DateTimeOffset.UtcNow, userId, null, new MemberFields());
}
