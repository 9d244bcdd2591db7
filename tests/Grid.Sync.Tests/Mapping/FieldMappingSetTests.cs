using Grid.Abstractions.Connectors;
using Grid.Sync.Mapping;
using Grid.Sync.Sources;

namespace Grid.Sync.Tests.Mapping;

public sealed class FieldMappingSetTests
{
    private static readonly IReadOnlyList<FieldMapping> ValidOrganizations = [new("name", "name")];

    [Fact]
    public void Default_IsValidAndMapsAMemberAsDocumented()
    {
        var member = new SourceMember
        {
            UserId = "lisi",
            Name = "李四",
            Alias = "Leo",
            Position = "产品经理",
            Telephone = "010-1",
            Mobile = "13900000000",
            Email = "lisi@home.example",
            BizMail = "lisi@corp.example",
        };

        Assert.Empty(FieldMappingSet.Default.Validate());
        var preview = FieldMappingSet.Default.Compile().Preview(member);

        Assert.Equal(
            [
                new("display_name", "李四"),
                new("email", "lisi@corp.example"),
                new("job_title", "产品经理"),
                new("mobile", "13900000000"),
                new("nickname", "Leo"),
                new("phone", "010-1"),
                new("username", "lisi"),
            ],
            preview.ToArray());
    }

    [Fact]
    public void Default_MapsADepartmentToNameAndCode()
    {
        var preview = FieldMappingSet.Default.Compile().Preview(new SourceDepartment(7, 1, "财务部", "Finance", 3));

        Assert.Equal([new("code", "7"), new("name", "财务部")], preview.ToArray());
    }

    [Fact]
    public void Preview_WithAnEmailBuiltFromTheUserid_GivesIt()
    {
        var set = new FieldMappingSet(
            [new("username", "userid"), new("display_name", "name"), new("email", "lower(userid) + \"@corp.example\"")],
            ValidOrganizations);

        var preview = set.Compile().Preview(new SourceMember { UserId = "WangWu", Name = "王五" });

        Assert.Equal("wangwu@corp.example", preview["email"]);
        Assert.Equal(["display_name", "email", "username"], set.Compile().AccountTargets);
    }

    [Fact]
    public void Validate_ADeeplyNestedExpression_IsAProblemOfItsTarget()
    {
        var deep = string.Concat(Enumerable.Repeat("lower(", 100)) + "userid" + new string(')', 100);
        var set = new FieldMappingSet([new("username", deep), new("display_name", "name")], ValidOrganizations);

        Assert.Equal(["mappings.username: functions nested deeper than 32 levels at 193"], set.Validate());
    }

    [Fact]
    public void Validate_NamesTheTargetFieldOfEachProblem()
    {
        var set = new FieldMappingSet(
            [
                new("username", "userid"),
                new("email", "lowr(userid)"),
                new("mobile", "phone"),
                new("shoe_size", "\"42\""),
                new("job_title", "position"),
                new("job_title", "alias"),
                new("phone", "replace(telephone, \"-\")"),
                new(" ", "name"),
            ],
            [new("code", "id + name_cn"), new("colour", "\"red\"")]);

        Assert.Equal(
            [
                "mappings.email: unknown function 'lowr' at 1",
                "mappings.mobile: unknown member field 'phone' at 1",
                "mappings.shoe_size: unknown account field 'shoe_size' (known: username, display_name, nickname, email, mobile, phone, job_title, employee_id, external_id, gender)",
                "mappings.job_title: mapped more than once",
                "mappings.phone: function 'replace' takes 3 arguments, got 2 at 1",
                "mappings: a mapping has no target field",
                "mappings.display_name: required, but not mapped",
                "organization_mappings.code: unknown department field 'name_cn' at 6",
                "organization_mappings.colour: unknown organization field 'colour' (known: name, code, description)",
                "organization_mappings.name: required, but not mapped",
            ],
            set.Validate());
    }

    [Fact]
    public void Compile_AnInvalidSet_ThrowsWithEveryError()
    {
        var set = new FieldMappingSet([new("username", "userid")], []);

        var error = Assert.Throws<InvalidSyncSettingsException>(set.Compile);

        Assert.Equal(["mappings.display_name: required, but not mapped", "organization_mappings.name: required, but not mapped"], error.Errors);
        Assert.Contains("mappings.display_name: required", error.Message, StringComparison.Ordinal);
    }
}
