using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Grid.Sync.Mapping;
using Grid.Sync.Sources;

namespace Grid.Sync.Tests.Properties;

/// <summary>
/// FsCheck properties of the mapping-expression language: whatever the text (arbitrary characters, or the language's
/// own tokens in any order and nesting, far past its length and depth limits), parsing and compiling either succeed
/// or throw <see cref="MappingExpressionException"/>, and a compiled expression evaluates without throwing.
/// </summary>
public sealed class MappingExpressionProperties
{
    private static readonly string[] Tokens =
    [
        "lower(", "upper(", "trim(", "first(", "replace(", "unknown(", "(", ")", ",", "+", ".", "\"", "\\", "\\\"", " ",
        "userid", "name", "mobile", "extattr", "extattr.工号", "extattr.\"a b\"", "\"@corp.example\"", "\"\"", "x", "1",
        "\t", "\n", "\u0000", "\uD800", "😀",
    ];

    private static readonly SourceMember Member = new()
    {
        UserId = "ZhangSan",
        Name = " 张三 ",
        Mobile = "13800000000",
        ExtAttrs = new Dictionary<string, string> { ["工号"] = "42", ["a b"] = "c" },
    };

    private static readonly SourceDepartment Department = new(2, 1, "研发", "R&D", 0);

    [Property(MaxTest = 2000)]
    public Property ArbitraryText_ParsesOrThrowsOnlyMappingExpressionException() =>
        Prop.ForAll(Texts(), ParseCompileEvaluate);

    [Property(MaxTest = 200)]
    public Property DeepNesting_ParsesOrThrowsOnlyMappingExpressionException() =>
        Prop.ForAll(
            (from depth in Gen.Choose(1, 2000)
             from function in Gen.Elements("lower(", "first(", "(", "replace(")
             from closed in Gen.Elements(true, false)
             select string.Concat(Enumerable.Repeat(function, depth)) + "userid" + (closed ? new string(')', depth) : "")).ToArbitrary(),
            ParseCompileEvaluate);

    private static void ParseCompileEvaluate(string text)
    {
        MappingExpression expression;
        try
        {
            expression = MappingExpression.Parse(text);
        }
        catch (MappingExpressionException)
        {
            return;
        }

        // An unknown field is refused at compile time (with its position); what compiles evaluates without throwing.
        Evaluate(expression.CompileForMember, Member);
        Evaluate(expression.CompileForDepartment, Department);
    }

    private static void Evaluate<T>(Func<Func<T, string>> compile, T source)
    {
        Func<T, string> compiled;
        try
        {
            compiled = compile();
        }
        catch (MappingExpressionException)
        {
            return;
        }

        Assert.NotNull(compiled(source));
    }

    private static Arbitrary<string> Texts() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            Gen.Sized(size => Gen.ListOf(Gen.Elements(Tokens), size)).Select(string.Concat),
            Gen.Choose(1000, 1100).Select(n => "\"" + new string('a', n) + "\""))
        .ToArbitrary();
}
