using System.Net;
using System.Text;
using Grid.WeCom.Api;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Tests.Simulator;

public sealed class SimulatorDirectoryTests
{
    [Fact]
    public async Task UserListId_PagesThroughThousandsOfMembers_WithOpaqueCursors_AndAnEmptyCursorAtTheEnd()
    {
        await using var harness = await SimulatorHarness.StartAsync(CompanyGenerator.Generate(seed: 11, members: 5_000, departments: 200));
        var expected = harness.Company.Members.SelectMany(m => m.Departments.Select(d => (m.UserId, (long)d))).ToHashSet();

        var rows = new List<(string, long)>();
        var cursors = new List<string>();
        string? cursor = null;
        do
        {
            var page = await harness.Client.ListUserIdsPageAsync(harness.App, cursor, limit: 1_000);
            Assert.InRange(page.Users.Count, 1, 1_000);
            rows.AddRange(page.Users.Select(row => (row.UserId, row.Department)));
            cursor = page.NextCursor;
            if (cursor is not null)
            {
                cursors.Add(cursor);
            }
        }
        while (cursor is not null);

        Assert.Equal(expected.Count, rows.Count);
        Assert.True(expected.SetEquals(rows), "every (userid, department) row exactly once");
        Assert.Equal((expected.Count + 999) / 1_000, cursors.Count + 1);
        Assert.All(cursors, c => Assert.DoesNotMatch("^[0-9]+$", c));
    }

    [Fact]
    public async Task UserListId_CursorSurvivesDeletesAndAddsBetweenPages()
    {
        await using var harness = await SimulatorHarness.StartAsync(CompanyGenerator.Generate(seed: 12, members: 3_000, departments: 100));
        var first = await harness.Client.ListUserIdsPageAsync(harness.App, null, limit: 500);
        var seen = first.Users.Select(r => r.UserId).ToHashSet(StringComparer.Ordinal);
        var later = harness.Company.Members.Last(m => !seen.Contains(m.UserId));
        harness.Company.DeleteMember(later.UserId);
        harness.Company.AddMember(SimulatedCompanyTests.Member("newcomer", 2));

        var rest = new List<DeptUser>();
        await foreach (var row in ResumeAsync(harness, first.NextCursor!))
        {
            rest.Add(row);
        }

        var all = first.Users.Concat(rest).ToList();
        Assert.DoesNotContain(all, r => r.UserId == later.UserId);
        Assert.Contains(all, r => r.UserId == "newcomer");
        Assert.Equal(all.Count, all.Select(r => (r.UserId, r.Department)).Distinct().Count());
        Assert.Equal(harness.Company.Members.Sum(m => m.Departments.Count), all.Count);
    }

    [Fact]
    public async Task UserListId_RefusesBadCursorsLimitsAndGet()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var token = (await harness.Client.GetAccessTokenAsync(harness.App)).Value;
        var url = new Uri($"cgi-bin/user/list_id?access_token={Uri.EscapeDataString(token)}", UriKind.Relative);

        var badCursor = await harness.Client.ListUserIdsPageAsync(harness.App, "AAAAAAAAAAAAAAAAAAAAAAAAAAA", 10)
            .ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default);
        using var zero = await harness.Browser.PostAsync(url, new StringContent("{\"limit\":0}", Encoding.UTF8, "application/json"));
        using var tooMany = await harness.Browser.PostAsync(url, new StringContent("{\"limit\":10001}", Encoding.UTF8, "application/json"));
        using var get = await harness.Browser.GetAsync(url);

        Assert.Equal(40058, Assert.IsType<WeComApiException>(badCursor).ErrCode);
        Assert.Contains("\"errcode\":40058", await zero.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"errcode\":40058", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"errcode\":40058", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppCreatedAfter20220620_GetsNoSensitiveFields_FromUserGetAndUserList()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember(m => m.Address.Length > 0);

        var user = await harness.Client.GetUserAsync(harness.App, member.UserId);
        var listed = (await harness.Client.ListDepartmentUsersAsync(harness.App, member.Departments[0])).Single(u => u.UserId == member.UserId);

        foreach (var seen in new[] { user, listed })
        {
            Assert.Equal(member.Name, seen.Name);
            Assert.Equal(member.Position, seen.Position);
            Assert.Null(seen.Mobile);
            Assert.Null(seen.Email);
            Assert.Null(seen.BizMail);
            Assert.Null(seen.Avatar);
            Assert.Null(seen.ThumbAvatar);
            Assert.Null(seen.Address);
            Assert.Null(seen.QrCode);
            Assert.Equal("0", seen.Gender);
        }
    }

    [Fact]
    public async Task AppCreatedBefore20220620_GetsEveryField()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        harness.Company.AddApp(new SimulatedApp { AgentId = 1000003, Secret = "old-app-secret", CreatedAt = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero) });
        var oldApp = new WeComApp(harness.Company.CorpId, "1000003", "old-app-secret");
        var member = harness.ActiveMember(m => m.Address.Length > 0 && m.Gender != "0");

        var user = await harness.Client.GetUserAsync(oldApp, member.UserId);

        Assert.Equal(member.Mobile, user.Mobile);
        Assert.Equal(member.Email, user.Email);
        Assert.Equal(member.BizMail, user.BizMail);
        Assert.Equal(member.Gender, user.Gender);
        Assert.Equal(member.Address, user.Address);
        Assert.Equal(member.QrCode, user.QrCode);
        Assert.EndsWith("/0", user.Avatar, StringComparison.Ordinal);
        Assert.Equal(user.Avatar![..^2] + "/100", user.ThumbAvatar);
        Assert.Equal(member.EffectiveMainDepartment, user.MainDepartment);
        Assert.Equal(member.Departments.Select(d => (long)d), user.Department);
    }

    [Fact]
    public async Task OutOfScope_IsRefusedWith60011_UnknownWith60111And60003()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var company = harness.Company;
        var scopeRoot = company.ChildrenOf(1).First(d => company.ChildrenOf(d.Id).Count > 0 && company.MembersOf(d.Id).Count > 0);
        company.SetVisibleScope(harness.AgentId, [scopeRoot.Id]);
        var outside = company.Members.First(m => !company.IsVisibleTo(harness.AgentId, m.UserId));
        var outsideDepartment = company.Departments.First(d => !company.IsDepartmentVisibleTo(harness.AgentId, d.Id));

        Assert.Equal(60011, (await FailsAsync(() => harness.Client.GetUserAsync(harness.App, outside.UserId))).ErrCode);
        Assert.Equal(60011, (await FailsAsync(() => harness.Client.GetDepartmentAsync(harness.App, outsideDepartment.Id))).ErrCode);
        Assert.Equal(60011, (await FailsAsync(() => harness.Client.ListDepartmentUsersAsync(harness.App, outsideDepartment.Id))).ErrCode);
        Assert.Equal(60011, (await FailsAsync(() => harness.Client.ListDepartmentsAsync(harness.App, 1))).ErrCode);
        Assert.Equal(60111, (await FailsAsync(() => harness.Client.GetUserAsync(harness.App, "no.such.member"))).ErrCode);
        Assert.Equal(60003, (await FailsAsync(() => harness.Client.GetDepartmentAsync(harness.App, 987_654))).ErrCode);

        var visible = await harness.Client.ListDepartmentIdsAsync(harness.App);
        Assert.Equal(scopeRoot.Id, visible[0].Id);
        Assert.All(visible, d => Assert.True(company.IsDepartmentVisibleTo(harness.AgentId, (int)d.Id)));
        Assert.Equal(company.Departments.Count(d => company.IsDepartmentVisibleTo(harness.AgentId, d.Id)), visible.Count);

        company.SetVisibleScope(harness.AgentId, [1]);
        Assert.Equal(outside.UserId, (await harness.Client.GetUserAsync(harness.App, outside.UserId)).UserId);
    }

    [Fact]
    public async Task Member_InScopeByOneDepartment_ShowsOnlyTheDepartmentsTheAppSees()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var company = harness.Company;
        var member = company.Members.First(m => m.Departments.Count >= 2 && company.DepthOf(m.Departments[0]) > 1);
        company.SetVisibleScope(harness.AgentId, [member.Departments[0]]);

        var user = await harness.Client.GetUserAsync(harness.App, member.UserId);
        var rows = new List<DeptUser>();
        await foreach (var row in harness.Client.ListAllUserIdsAsync(harness.App))
        {
            rows.Add(row);
        }

        var seen = member.Departments.Where(d => company.IsDepartmentVisibleTo(harness.AgentId, d)).Select(d => (long)d).ToList();
        Assert.Equal(seen, user.Department);
        Assert.Equal(seen.Count, user.IsLeaderInDept!.Count);
        Assert.Equal(seen, rows.Where(r => r.UserId == member.UserId).Select(r => r.Department));
    }

    [Fact]
    public async Task Member_InScopeByName_ShowsItsDepartments()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var company = harness.Company;
        var member = harness.ActiveMember(m => !m.Departments.Contains(1));
        company.SetVisibleScope(harness.AgentId, [], [member.UserId]);

        var user = await harness.Client.GetUserAsync(harness.App, member.UserId);
        var departments = await harness.Client.ListDepartmentIdsAsync(harness.App);

        Assert.Equal(member.Departments.Select(d => (long)d), user.Department);
        Assert.Empty(departments);
    }

    [Fact]
    public async Task DepartmentList_ShapesMatchWeCom()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var company = harness.Company;
        var led = company.Departments.First(d => d.Id != 1 && company.DepartmentLeaders(d.Id).Count > 0);

        var department = await harness.Client.GetDepartmentAsync(harness.App, led.Id);
        var all = await harness.Client.ListDepartmentsAsync(harness.App);
        var subtree = await harness.Client.ListDepartmentsAsync(harness.App, led.ParentId);
        var members = await harness.Client.ListDepartmentUsersSimpleAsync(harness.App, led.Id);

        Assert.Equal(led.Name, department.Name);
        Assert.Equal(led.NameEn, department.NameEn);
        Assert.Equal(led.ParentId, department.ParentId);
        Assert.Equal(led.Order, department.Order);
        Assert.Equal(company.DepartmentLeaders(led.Id), department.DepartmentLeader);
        Assert.Equal(company.DepartmentCount, all.Count);
        Assert.Equal(1, all[0].Id);
        Assert.Equal(led.ParentId, subtree[0].Id);
        Assert.Contains(subtree, d => d.Id == led.Id);
        Assert.Equal(company.MembersOf(led.Id).Select(m => m.UserId).Order(), members.Select(m => m.UserId).Order());
    }

    [Fact]
    public async Task TrustedIps_WhenTheCallerIsNotListed_Answer60020EchoingTheCallerIp()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        harness.Company.UpdateApp(harness.AgentId, app => app with { TrustedIps = [IPAddress.Parse("10.20.30.40")] });

        var error = await FailsAsync(() => harness.Client.GetUserAsync(harness.App, harness.ActiveMember().UserId));

        Assert.Equal(60020, error.ErrCode);
        Assert.StartsWith("not allow to access from your ip, hint: [", error.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("from ip: 127.0.0.1", error.ErrMsg, StringComparison.Ordinal);

        harness.Company.UpdateApp(harness.AgentId, app => app with { TrustedIps = [IPAddress.Loopback] });
        Assert.NotNull(await harness.Client.GetUserAsync(harness.App, harness.ActiveMember().UserId));
    }

    private static async Task<WeComApiException> FailsAsync<T>(Func<Task<T>> call) => await Assert.ThrowsAsync<WeComApiException>(call);

    private static async IAsyncEnumerable<DeptUser> ResumeAsync(SimulatorHarness harness, string cursor)
    {
        var next = cursor;
        while (next is not null)
        {
            var page = await harness.Client.ListUserIdsPageAsync(harness.App, next, limit: 700);
            foreach (var row in page.Users)
            {
                yield return row;
            }

            next = page.NextCursor;
        }
    }
}
