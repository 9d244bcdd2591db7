using Grid.Sync.Sources;

namespace Grid.Sync.Mapping;

/// <summary>
/// A parsed field-mapping expression: source fields, <c>"string"</c> constants, concatenation with <c>+</c>, and the
/// functions <c>lower(x)</c>, <c>upper(x)</c>, <c>trim(x)</c>, <c>first(x, y, ...)</c> (the first value that is not
/// empty or blank) and <c>replace(x, "a", "b")</c>. Example: <c>lower(userid) + "@corp.example"</c>.
/// Every value is text; a missing source value is "".
/// </summary>
public sealed class MappingExpression
{
    /// <summary>The longest expression text accepted, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>The deepest nesting of function calls accepted (<c>lower(trim(x))</c> is 2).</summary>
    public const int MaxDepth = 32;

    private readonly ExpressionNode _root;

    private MappingExpression(string text, ExpressionNode root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>
    /// Parses the syntax, the function names and their argument counts (field names are checked by Compile), within
    /// <see cref="MaxLength"/> characters and <see cref="MaxDepth"/> nested calls.
    /// </summary>
    /// <exception cref="MappingExpressionException">The text is not a valid expression; the message gives the position.</exception>
    public static MappingExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new MappingExpression(text, ExpressionParser.Parse(text));
    }

    /// <summary>Binds the expression to member fields, ready to evaluate without further parsing.</summary>
    /// <exception cref="MappingExpressionException">The expression names a field members do not have.</exception>
    public Func<SourceMember, string> CompileForMember() =>
        ExpressionCompiler.Compile(_root, SourceFieldAccessors.ForMember, "member");

    /// <summary>Binds the expression to department fields, ready to evaluate without further parsing.</summary>
    /// <exception cref="MappingExpressionException">The expression names a field departments do not have.</exception>
    public Func<SourceDepartment, string> CompileForDepartment() =>
        ExpressionCompiler.Compile(_root, SourceFieldAccessors.ForDepartment, "department");

    /// <summary>The expression as written.</summary>
    public override string ToString() => Text;
}
