using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Model;
using Grpc.Core;
using AccountStatus = Grid.Contracts.V1.AccountStatus;

namespace Grid.EndToEnd.Tests.Callbacks;

/// <summary>
/// The contact changes besides a member's create, update and delete, each made in WeCom (the simulator), delivered as
/// encrypted callbacks over HTTP and applied by the inbox: a department created, renamed, moved and deleted (and a
/// member moved into it); a userid change under each userid-change mode; a member moved out of the app's visible
/// scope. Each is read back through Directory, and its event through Admin.ListWeComEvents.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class CallbackContactChangeTests(GridHostFixture host)
{
    private const int NewDepartmentId = 9001;
    private static readonly TimeSpan Bound = CallbackScenario.Bound;

    [Fact]
    public async Task DepartmentEvents_CreateRenameMoveAndDelete_ChangeTheOrganizationTree()
    {
        var scenario = await CallbackScenario.StartAsync(host, members: 6, departments: 3);
        var company = scenario.Company;
        var (first, second) = (company.Departments.First(d => d.Id != 1), company.Departments.Last(d => d.Id != 1));
        Assert.NotEqual(first.Id, second.Id);
        var firstOrg = (await scenario.OrganizationOfAsync(first.Id))!;
        var secondOrg = (await scenario.OrganizationOfAsync(second.Id))!;
        var member = company.Members.First(m => m.Status == MemberStatus.Active).UserId;

        company.AddDepartment(new SimulatedDepartment { Id = NewDepartmentId, Name = "回调部门", ParentId = first.Id });
        var created = await OrganizationAsync(scenario, o => o?.Name == "回调部门", "the new department's organization");
        company.RenameDepartment(NewDepartmentId, "改名部门");
        await OrganizationAsync(scenario, o => o?.Name == "改名部门", "the organization renamed");
        company.MoveDepartment(NewDepartmentId, second.Id);
        var moved = await OrganizationAsync(scenario, o => o?.ParentId == secondOrg.OrganizationId, "the organization under its new parent");
        company.MoveMember(member, [NewDepartmentId]);
        var placed = await Eventually.MatchAsync(
            () => scenario.LookupAsync(member), a => a?.OrganizationIds.SequenceEqual([created!.OrganizationId]) == true, Bound,
            "the moved member's account in the new organization only", a => string.Join(",", a?.OrganizationIds ?? []));
        company.MoveMember(member, [first.Id]);
        await Eventually.MatchAsync(
            () => scenario.LookupAsync(member), a => a?.OrganizationIds.SequenceEqual([firstOrg.OrganizationId]) == true, Bound,
            "the member's account back in its first organization", a => string.Join(",", a?.OrganizationIds ?? []));
        company.DeleteDepartment(NewDepartmentId);
        await OrganizationAsync(scenario, o => o is null, "the deleted department's organization to be gone");
        var events = await scenario.EventsAsync();

        Assert.Equal(firstOrg.OrganizationId, created!.ParentId);
        Assert.Equal(created.OrganizationId, moved!.OrganizationId);
        Assert.Equal("改名部门", moved.Name);
        Assert.Equal(AccountStatus.Active, placed!.Status);
        Assert.Null(await GetFoundAsync(() => host.DirectoryClient().GetOrganizationAsync(
            new GetOrganizationRequest { TenantId = scenario.TenantId, OrganizationId = created.OrganizationId }, scenario.Auth).ResponseAsync));
        foreach (var type in new[] { "create_party", "update_party", "delete_party" })
        {
            Assert.Contains(events, e => e.ChangeType == type && e.DepartmentId == NewDepartmentId && e.Status == WeComEventStatus.Applied);
        }

        Assert.DoesNotContain(events, e => e.Status is WeComEventStatus.Failed or WeComEventStatus.Parked or WeComEventStatus.Held);
    }

    [Theory]
    [InlineData(UserIdChangeMode.Rebind)]
    [InlineData(UserIdChangeMode.Recreate)]
    public async Task UserIdChange_FollowsTheConnectorsMode(UserIdChangeMode mode)
    {
        var scenario = await CallbackScenario.StartAsync(host, members: 4, departments: 2, mode);
        var company = scenario.Company;
        var userId = company.Members.First(m => m.Status == MemberStatus.Active).UserId;
        var newUserId = "renamed-" + userId;
        var before = (await scenario.LookupAsync(userId))!;

        company.ChangeUserId(userId, newUserId);
        var after = await Eventually.MatchAsync(
            () => scenario.LookupAsync(newUserId), a => a is not null, Bound, "an account for the new userid", _ => "(none)");
        var old = await scenario.LookupAsync(userId);
        var oldAccount = await GetFoundAsync(() => host.DirectoryClient().GetAccountAsync(
            new GetAccountRequest { TenantId = scenario.TenantId, AccountId = before.AccountId }, scenario.Auth).ResponseAsync);
        var events = await scenario.EventsAsync();

        Assert.Null(old);
        Assert.Equal(AccountStatus.Active, after!.Status);
        Assert.Equal(before.DisplayName, after.DisplayName);
        Assert.Contains(after.ExternalIds, id => id.Value == newUserId);
        if (mode == UserIdChangeMode.Rebind)
        {
            Assert.Equal(before.AccountId, after.AccountId);
            Assert.DoesNotContain(after.ExternalIds, id => id.Value == userId);
            Assert.Equal(AccountStatus.Active, oldAccount!.Account.Status);
        }
        else
        {
            Assert.NotEqual(before.AccountId, after.AccountId);
            Assert.Null(oldAccount); // deleted: Directory no longer finds it
        }

        Assert.Contains(events, e => e.ChangeType == "update_user" && e.Userid == userId && e.NewUserid == newUserId
            && e.Status == WeComEventStatus.Applied);
    }

    [Fact]
    public async Task MemberMovedOutOfTheVisibleScope_LosesItsAccount_AsInAFullRun()
    {
        var scenario = await CallbackScenario.StartAsync(host, members: 8, departments: 3);
        var company = scenario.Company;
        var agentId = company.DefaultApp.AgentId;
        company.AddDepartment(new SimulatedDepartment { Id = NewDepartmentId, Name = "可见范围外", ParentId = 1 });
        await OrganizationAsync(scenario, o => o is not null, "the outside department's organization");

        // The app now sees the top departments but the new one (and no longer the root itself).
        company.SetVisibleScope(agentId, [.. company.Departments.Where(d => d.ParentId == 1 && d.Id != NewDepartmentId).Select(d => d.Id)]);
        var leaving = company.Members.First(m => m.Status == MemberStatus.Active && company.IsVisibleTo(agentId, m.UserId)).UserId;
        var staying = company.Members.First(m => m.Status == MemberStatus.Active && m.UserId != leaving && company.IsVisibleTo(agentId, m.UserId)).UserId;
        company.MoveMember(leaving, [NewDepartmentId]);
        Assert.False(company.IsVisibleTo(agentId, leaving));

        var gone = await Eventually.MatchAsync(
            () => scenario.LookupAsync(leaving), a => a is null || a.Status != AccountStatus.Active, Bound,
            "the account of the member outside the scope to be gone or inactive", a => a?.Status.ToString() ?? "(none)");
        var events = await scenario.EventsAsync();

        Assert.True(gone is null || gone.Status != AccountStatus.Active);
        Assert.Equal(AccountStatus.Active, (await scenario.LookupAsync(staying))!.Status);
        Assert.Contains(events, e => e.ChangeType == "update_user" && e.Userid == leaving && e.Status == WeComEventStatus.Applied);
    }

    // The response, or null when Directory answers NotFound.
    private static async Task<T?> GetFoundAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static Task<Organization?> OrganizationAsync(CallbackScenario scenario, Func<Organization?, bool> match, string what) =>
        Eventually.MatchAsync(
            () => scenario.OrganizationOfAsync(NewDepartmentId), match, Bound, what, o => o is null ? "(none)" : $"{o.Name} under {o.ParentId}");
}
