using System.Collections.Frozen;
using Grid.Sync.Mapping;
using Grid.Sync.Sources;

namespace Grid.Sync.Tests.Mapping;

public sealed class MappingExpressionTests
{
    private static readonly SourceMember Member = new()
    {
        UserId = "ZhangSan",
        Name = "  张三  ",
        Alias = "Jack",
        Departments = [1, 2],
        MainDepartment = 2,
        Position = "后台工程师",
        Telephone = "020-123456",
        Mobile = "13800000000",
        Email = "zhangsan@gzdev.com",
        BizMail = "",
        Gender = "1",
        Status = MemberStatus.NotActivated,
        ExtAttrs = new Dictionary<string, string> { ["工号"] = "E001", ["cost center"] = "CC-9", ["Level"] = "P7" }.ToFrozenDictionary(),
    };

    private static string Evaluate(string expression) => MappingExpression.Parse(expression).CompileForMember()(Member);

    [Theory]
    [InlineData("userid", "ZhangSan")]
    [InlineData("name", "  张三  ")]
    [InlineData("alias", "Jack")]
    [InlineData("mobile", "13800000000")]
    [InlineData("email", "zhangsan@gzdev.com")]
    [InlineData("biz_mail", "")]
    [InlineData("position", "后台工程师")]
    [InlineData("telephone", "020-123456")]
    [InlineData("main_department", "2")]
    [InlineData("gender", "1")]
    [InlineData("status", "4")]
    [InlineData("extattr.工号", "E001")]
    [InlineData("extattr.\"cost center\"", "CC-9")]
    [InlineData("extattr.Level", "P7")]
    [InlineData("extattr.missing", "")]
    public void Evaluate_AMemberField_ReadsIt(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate(expression));
    }

    [Theory]
    [InlineData("\"text\"", "text")]
    [InlineData("\"\"", "")]
    [InlineData("\"say \\\"hi\\\" \\\\ bye\"", "say \"hi\" \\ bye")]
    [InlineData("\"企业微信 🎉\"", "企业微信 🎉")]
    [InlineData("lower(userid) + \"@corp.example\"", "zhangsan@corp.example")]
    [InlineData("userid+\"-\"+alias+\"-\"+gender", "ZhangSan-Jack-1")]
    [InlineData("upper(userid)", "ZHANGSAN")]
    [InlineData("lower(\"ÄÖÜ\")", "äöü")]
    [InlineData("upper(\"straße\")", "STRAßE")]
    [InlineData("trim(name)", "张三")]
    [InlineData("trim(\"\u3000全角\u3000\")", "全角")]
    [InlineData("first(biz_mail, email)", "zhangsan@gzdev.com")]
    [InlineData("first(biz_mail, \"   \", alias, email)", "Jack")]
    [InlineData("first(biz_mail, extattr.missing)", "")]
    [InlineData("replace(telephone, \"-\", \"\")", "020123456")]
    [InlineData("replace(userid, \"\", \"x\")", "ZhangSan")]
    [InlineData("replace(lower(userid), \"zhang\", upper(\"z\") + \".\")", "Z.san")]
    [InlineData("  lower ( userid )  ", "zhangsan")]
    [InlineData("trim(name) + \"（\" + extattr.工号 + \"）\"", "张三（E001）")]
    public void Evaluate_ConstantsConcatenationAndFunctions_GiveTheExpectedText(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate(expression));
    }

    [Theory]
    [InlineData("id", "12")]
    [InlineData("name + \"/\" + name_en", "研发/RD")]
    [InlineData("parentid", "1")]
    [InlineData("order", "4294967295")]
    [InlineData("name_en + first(name_en, id)", "RDRD")]
    public void Evaluate_ADepartmentField_ReadsIt(string expression, string expected)
    {
        var department = new SourceDepartment(12, 1, "研发", "RD", 4294967295);

        Assert.Equal(expected, MappingExpression.Parse(expression).CompileForDepartment()(department));
    }

    [Fact]
    public void Evaluate_AMissingOptionalField_ReadsAsEmpty()
    {
        var bare = new SourceMember { UserId = "u", Name = "n" };

        Assert.Equal("|||||", MappingExpression.Parse("mobile + \"|\" + email + \"|\" + biz_mail + \"|\" + gender + \"|\" + main_department + \"|\" + alias").CompileForMember()(bare));
    }

    [Theory]
    [InlineData("lowr(userid)", "unknown function 'lowr' at 1")]
    [InlineData("lower(userid", "expected ',' or ')' to close 'lower(' at 13")]
    [InlineData("lower(userid; email)", "expected ',' or ')' but found ';' at 13")]
    [InlineData("\"abc", "unterminated string at 1")]
    [InlineData("userid + \"abc", "unterminated string at 10")]
    [InlineData("userid +", "expected a field, a \"string\" or a function at 9")]
    [InlineData("", "expected a field, a \"string\" or a function at 1")]
    [InlineData("   ", "expected a field, a \"string\" or a function at 4")]
    [InlineData("userid name", "unexpected 'n' after the expression (join parts with '+') at 8")]
    [InlineData("userid # name", "unexpected '#' after the expression (join parts with '+') at 8")]
    [InlineData("+ userid", "unexpected '+' at 1")]
    [InlineData("lower(userid, email)", "function 'lower' takes 1 argument, got 2 at 1")]
    [InlineData("replace(userid, \"a\")", "function 'replace' takes 3 arguments, got 2 at 1")]
    [InlineData("userid + first()", "function 'first' takes at least 1 argument, got 0 at 10")]
    [InlineData("upper(,)", "unexpected ',' at 7")]
    [InlineData("\"a\\q\"", "unknown escape (only \\\" and \\\\ are allowed) at 3")]
    [InlineData("extattr.", "expected a name after '.' at 9")]
    [InlineData("名字 + lowr(x)", "unknown function 'lowr' at 6")]
    [InlineData("\"企业\" + 微信(", "unknown function '微信' at 8")]
    public void Parse_InvalidText_ThrowsWithThePositionAndReason(string expression, string message)
    {
        var error = Assert.Throws<MappingExpressionException>(() => MappingExpression.Parse(expression));

        Assert.Equal(message, error.Message);
        Assert.EndsWith($" at {error.Position}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CallsNestedDeeperThanTheLimit_ThrowsInsteadOfOverflowingTheStack()
    {
        var deep = string.Concat(Enumerable.Repeat("lower(", 20_000)) + "userid" + new string(')', 20_000);
        var justTooDeep = string.Concat(Enumerable.Repeat("trim(", MappingExpression.MaxDepth + 1)) + "userid"
            + new string(')', MappingExpression.MaxDepth + 1);

        var tooLong = Assert.Throws<MappingExpressionException>(() => MappingExpression.Parse(deep));
        var tooDeep = Assert.Throws<MappingExpressionException>(() => MappingExpression.Parse(justTooDeep));

        Assert.Equal($"the expression is {deep.Length} characters long, longer than the 1024 allowed at 1025", tooLong.Message);
        Assert.Equal($"functions nested deeper than 32 levels at {(5 * MappingExpression.MaxDepth) + 1}", tooDeep.Message);
    }

    [Fact]
    public void Parse_AtTheDepthAndLengthLimits_Works()
    {
        var atLimit = string.Concat(Enumerable.Repeat("lower(", MappingExpression.MaxDepth)) + "userid" + new string(')', MappingExpression.MaxDepth);
        var longest = "\"" + new string('x', MappingExpression.MaxLength - 2) + "\"";

        Assert.Equal("zhangsan", Evaluate(atLimit));
        Assert.Equal(new string('x', MappingExpression.MaxLength - 2), Evaluate(longest));
    }

    [Theory]
    [InlineData("usrid", "unknown member field 'usrid' at 1")]
    [InlineData("lower(userid) + name_en", "unknown member field 'name_en' at 17")]
    [InlineData("name.first", "unknown member field 'name.first' at 1")]
    [InlineData("extattr", "unknown member field 'extattr' at 1")]
    public void CompileForMember_AnUnknownField_ThrowsWithItsPosition(string expression, string message)
    {
        var parsed = MappingExpression.Parse(expression);

        var error = Assert.Throws<MappingExpressionException>(parsed.CompileForMember);

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("userid", "unknown department field 'userid' at 1")]
    [InlineData("name + extattr.x", "unknown department field 'extattr.x' at 8")]
    public void CompileForDepartment_AMemberOnlyField_Throws(string expression, string message)
    {
        var error = Assert.Throws<MappingExpressionException>(MappingExpression.Parse(expression).CompileForDepartment);

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_KeepsTheTextAsWritten()
    {
        Assert.Equal("lower( userid )", MappingExpression.Parse("lower( userid )").ToString());
    }
}
