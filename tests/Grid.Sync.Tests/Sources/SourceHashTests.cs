using System.Collections.Frozen;
using Grid.Sync.Sources;

namespace Grid.Sync.Tests.Sources;

public sealed class SourceHashTests
{
    private static readonly SourceMember Member = new()
    {
        UserId = "zhangsan",
        Name = "张三",
        Departments = [1, 2],
        MainDepartment = 1,
        Position = "工程师",
        Status = MemberStatus.Active,
        Alias = "Jack",
        Telephone = "020-1",
        Mobile = "138",
        Email = "z@home.example",
        BizMail = "z@corp.example",
        Gender = "1",
        ExtAttrs = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
        DirectLeaders = ["lisi"],
        IsLeaderInDept = [false, true],
    };

    public static TheoryData<string, SourceMember> OneFieldChanged() => new()
    {
        { "userid", Member with { UserId = "zhangsan2" } },
        { "name", Member with { Name = "张三丰" } },
        { "departments", Member with { Departments = [1, 3] } },
        { "department order", Member with { Departments = [2, 1] } },
        { "main department", Member with { MainDepartment = 2 } },
        { "main department hidden", Member with { MainDepartment = null } },
        { "position", Member with { Position = "经理" } },
        { "status", Member with { Status = MemberStatus.Disabled } },
        { "alias", Member with { Alias = "Jackie" } },
        { "telephone", Member with { Telephone = "020-2" } },
        { "mobile", Member with { Mobile = "139" } },
        { "mobile withheld", Member with { Mobile = null } },
        { "mobile empty", Member with { Mobile = "" } },
        { "email", Member with { Email = "y@home.example" } },
        { "biz mail", Member with { BizMail = null } },
        { "gender", Member with { Gender = "2" } },
        { "ext attr value", Member with { ExtAttrs = new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" } } },
        { "ext attr added", Member with { ExtAttrs = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "" } } },
        { "ext attr boundary", Member with { ExtAttrs = new Dictionary<string, string> { ["a"] = "12", ["b"] = "" } } },
        { "direct leaders", Member with { DirectLeaders = ["lisi", "wangwu"] } },
        { "leader flags", Member with { IsLeaderInDept = [true, true] } },
    };

    [Theory]
    [MemberData(nameof(OneFieldChanged))]
    public void Of_WhenAnyMemberFieldChanges_Changes(string field, SourceMember changed)
    {
        Assert.True(SourceHash.Of(Member) != SourceHash.Of(changed), $"changing {field} kept the hash");
    }

    [Fact]
    public void Of_ForEqualContentInOtherInstancesAndAttributeOrder_IsEqual()
    {
        var copy = Member with
        {
            Departments = [.. Member.Departments],
            ExtAttrs = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }.ToFrozenDictionary(),
            DirectLeaders = ["lisi"],
            IsLeaderInDept = [false, true],
        };

        Assert.Equal(SourceHash.Of(Member), SourceHash.Of(copy));
    }

    [Fact]
    public void Of_SeparatesAdjacentValues()
    {
        Assert.NotEqual(
            SourceHash.Of(new SourceMember { UserId = "ab", Name = "c" }),
            SourceHash.Of(new SourceMember { UserId = "a", Name = "bc" }));
    }

    [Fact]
    public void Of_ADepartment_ChangesWithEachField()
    {
        var department = new SourceDepartment(2, 1, "研发", "RD", 10);

        Assert.Equal(5, new[]
        {
            department with { Id = 3 },
            department with { ParentId = 3 },
            department with { Name = "研发中心" },
            department with { NameEn = null },
            department with { Order = 11 },
        }.Select(SourceHash.Of).Append(SourceHash.Of(department)).Distinct().Count() - 1);
    }

    [Fact]
    public void Of_IsPinnedAcrossProcessesAndVersions()
    {
        // Hashes are persisted: a change to the encoding must be deliberate (bump HashWriter's format version).
        Assert.Equal("72e81ed3cd3af9b71e2b025647d7fc4d", SourceHash.Of(Member).ToString());
        Assert.Equal("240e98ed3dd3a3be2d07b5592095e3b7", SourceHash.Of(new SourceDepartment(2, 1, "研发", "RD", 10)).ToString());
    }
}
