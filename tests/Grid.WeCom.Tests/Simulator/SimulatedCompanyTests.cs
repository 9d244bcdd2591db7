using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Tests.Simulator;

public sealed class SimulatedCompanyTests
{
    [Fact]
    public void AddMember_WhenTheUserIdDiffersOnlyInCase_IsRefusedWith60102()
    {
        var company = SmallCompany();

        var error = Assert.Throws<WeComSimulatorException>(() => company.AddMember(Member("ZhangSan", 2)));

        Assert.Equal(60102, error.ErrCode);
    }

    [Fact]
    public void FindMember_IgnoresCase_AndKeepsTheStoredSpelling()
    {
        var company = SmallCompany();

        Assert.Equal("zhangsan", company.FindMember("ZHANGSAN")?.UserId);
    }

    [Fact]
    public void ChangeUserId_Twice_IsRefusedWith301036()
    {
        var company = SmallCompany();
        company.ChangeUserId("zhangsan", "zhangsan01");

        var error = Assert.Throws<WeComSimulatorException>(() => company.ChangeUserId("zhangsan01", "zhangsan02"));

        Assert.Equal(301036, error.ErrCode);
        Assert.Null(company.FindMember("zhangsan"));
        Assert.NotNull(company.FindMember("zhangsan01"));
    }

    [Fact]
    public void ChangeUserId_FollowsTheMemberInLeadersAndScopes()
    {
        var company = SmallCompany();
        company.UpdateMember("lisi", m => m with { DirectLeaders = ["zhangsan"] });
        company.SetVisibleScope(1000002, [3], ["zhangsan"]);

        company.ChangeUserId("zhangsan", "zs");

        Assert.Equal(["zs"], company.FindMember("lisi")!.DirectLeaders);
        Assert.Equal(["zs"], company.App(1000002).VisibleUsers);
        Assert.True(company.IsVisibleTo(1000002, "zs"));
    }

    [Fact]
    public void DeleteDepartment_WithMembersOrChildren_IsRefused()
    {
        var company = SmallCompany();

        Assert.Equal(60005, Assert.Throws<WeComSimulatorException>(() => company.DeleteDepartment(3)).ErrCode);
        Assert.Equal(60006, Assert.Throws<WeComSimulatorException>(() => company.DeleteDepartment(2)).ErrCode);
        Assert.Equal(60007, Assert.Throws<WeComSimulatorException>(() => company.DeleteDepartment(1)).ErrCode);
        Assert.Equal(3, company.DepartmentCount);
    }

    [Fact]
    public void MoveDepartment_UnderItsOwnDescendant_IsRefusedWith60010()
    {
        var company = SmallCompany();

        var error = Assert.Throws<WeComSimulatorException>(() => company.MoveDepartment(2, 3));

        Assert.Equal(60010, error.ErrCode);
        Assert.Equal(1, company.FindDepartment(2)!.ParentId);
    }

    [Fact]
    public void AddDepartment_BeyondFifteenLevels_IsRefused()
    {
        var company = SmallCompany();
        var parent = 3;
        for (var id = 10; company.DepthOf(parent) < SimulatedCompany.MaxDepth; id++)
        {
            company.AddDepartment(new SimulatedDepartment { Id = id, Name = $"L{id}", ParentId = parent });
            parent = id;
        }

        var error = Assert.Throws<WeComSimulatorException>(() =>
            company.AddDepartment(new SimulatedDepartment { Id = 99, Name = "too deep", ParentId = parent }));

        Assert.Equal(40058, error.ErrCode);
    }

    [Fact]
    public void AddDepartment_WithASiblingsName_IsRefusedWith60008()
    {
        var company = SmallCompany();

        var error = Assert.Throws<WeComSimulatorException>(() =>
            company.AddDepartment(new SimulatedDepartment { Id = 9, Name = "研发中心", ParentId = 1 }));

        Assert.Equal(60008, error.ErrCode);
    }

    [Fact]
    public void VisibleScope_IsRecursiveOverSubDepartments()
    {
        var company = SmallCompany();
        company.SetVisibleScope(1000002, [2]);

        Assert.True(company.IsDepartmentVisibleTo(1000002, 3));
        Assert.True(company.IsVisibleTo(1000002, "zhangsan"));
        Assert.False(company.IsDepartmentVisibleTo(1000002, 1));

        company.SetVisibleScope(1000002, [], ["lisi"]);

        Assert.False(company.IsVisibleTo(1000002, "zhangsan"));
        Assert.True(company.IsVisibleTo(1000002, "lisi"));
    }

    internal static SimulatedCompany SmallCompany() => new(
        "wwsmallcorp0000001",
        "小公司",
        [
            new SimulatedDepartment { Id = 1, Name = "小公司", ParentId = 0 },
            new SimulatedDepartment { Id = 2, Name = "研发中心", NameEn = "R&D", ParentId = 1, Order = 10 },
            new SimulatedDepartment { Id = 3, Name = "后台组", NameEn = "Backend", ParentId = 2, Order = 5 },
        ],
        [Member("zhangsan", 3), Member("lisi", 1)],
        [new SimulatedApp { AgentId = 1000002, Secret = "small-secret", TrustedDomain = "127.0.0.1:5080" }]);

    internal static SimulatedMember Member(string userId, int department) => new()
    {
        UserId = userId,
        Name = userId,
        Departments = [department],
        Email = userId + "@small.example",
    };
}
