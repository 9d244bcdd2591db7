using System.Collections.Frozen;
using System.Text;

namespace Grid.Sync.Mapping;

/// <summary>
/// Recursive-descent parser for the mapping language. Hand-written on purpose: the grammar is one operator, string
/// literals, dotted field names and five functions, which no parser library makes shorter or clearer.
/// <code>
/// expression := term ( '+' term )*
/// term       := string | identifier '(' [ expression ( ',' expression )* ] ')' | field
/// field      := identifier [ '.' ( name | string ) ]
/// string     := '"' ( any character but '"' and '\' | '\"' | '\\' )* '"'
/// </code>
/// The text is at most <see cref="MappingExpression.MaxLength"/> characters and calls nest at most
/// <see cref="MappingExpression.MaxDepth"/> deep: the parser and the compiler recurse once per level, so an unbounded
/// nesting would overflow the stack and end the process.
/// </summary>
internal sealed class ExpressionParser
{
    // Function name → (minimum, maximum) argument count.
    private static readonly FrozenDictionary<string, (int Min, int Max)> Arities = new Dictionary<string, (int, int)>
    {
        ["lower"] = (1, 1),
        ["upper"] = (1, 1),
        ["trim"] = (1, 1),
        ["replace"] = (3, 3),
        ["first"] = (1, int.MaxValue),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly string text;
    private int position;
    private int depth;

    private ExpressionParser(string text) => this.text = text;

    private bool AtEnd => position >= text.Length;

    private char Current => text[position];

    public static ExpressionNode Parse(string text)
    {
        if (text.Length > MappingExpression.MaxLength)
        {
            throw new MappingExpressionException(
                $"the expression is {text.Length} characters long, longer than the {MappingExpression.MaxLength} allowed", MappingExpression.MaxLength + 1);
        }

        var parser = new ExpressionParser(text);
        var root = parser.ParseConcatenation();
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw Error($"unexpected '{parser.Current}' after the expression (join parts with '+')", parser.position);
        }

        return root;
    }

    private ExpressionNode ParseConcatenation()
    {
        SkipWhitespace();
        var start = position;
        var first = ParseTerm();
        List<ExpressionNode>? parts = null;
        while (true)
        {
            SkipWhitespace();
            if (AtEnd || Current != '+')
            {
                break;
            }

            position++;
            parts ??= [first];
            parts.Add(ParseTerm());
        }

        return parts is null ? first : new ConcatNode(start + 1, [.. parts]);
    }

    private ExpressionNode ParseTerm()
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw Error("expected a field, a \"string\" or a function", position);
        }

        var c = Current;
        if (c == '"')
        {
            var start = position;
            return new LiteralNode(start + 1, ReadString());
        }

        if (IsIdentifierStart(c))
        {
            var start = position;
            var name = ReadIdentifier();
            SkipWhitespace();
            if (!AtEnd && Current == '(')
            {
                return ParseCall(name, start);
            }

            if (!AtEnd && Current == '.')
            {
                position++;
                return new FieldNode(start + 1, name, ReadAttributeName());
            }

            return new FieldNode(start + 1, name, null);
        }

        throw Error($"unexpected '{c}'", position);
    }

    private CallNode ParseCall(string name, int start)
    {
        if (!Arities.TryGetValue(name, out var arity))
        {
            throw Error($"unknown function '{name}'", start);
        }

        if (++depth > MappingExpression.MaxDepth)
        {
            throw Error($"functions nested deeper than {MappingExpression.MaxDepth} levels", start);
        }

        position++;
        var arguments = new List<ExpressionNode>();
        SkipWhitespace();
        if (!AtEnd && Current == ')')
        {
            position++;
        }
        else
        {
            while (true)
            {
                arguments.Add(ParseConcatenation());
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error($"expected ',' or ')' to close '{name}('", position);
                }

                if (Current == ',')
                {
                    position++;
                    continue;
                }

                if (Current == ')')
                {
                    position++;
                    break;
                }

                throw Error($"expected ',' or ')' but found '{Current}'", position);
            }
        }

        if (arguments.Count < arity.Min || arguments.Count > arity.Max)
        {
            var expected = arity.Max == int.MaxValue
                ? $"at least {arity.Min} argument{(arity.Min == 1 ? "" : "s")}"
                : $"{arity.Min} argument{(arity.Min == 1 ? "" : "s")}";
            throw Error($"function '{name}' takes {expected}, got {arguments.Count}", start);
        }

        depth--;
        return new CallNode(start + 1, name, [.. arguments]);
    }

    private string ReadAttributeName()
    {
        if (!AtEnd && Current == '"')
        {
            return ReadString();
        }

        var start = position;
        while (!AtEnd && (IsIdentifierPart(Current) || Current == '-'))
        {
            position++;
        }

        if (position == start)
        {
            throw Error("expected a name after '.'", position);
        }

        return text[start..position];
    }

    private string ReadIdentifier()
    {
        var start = position;
        while (!AtEnd && IsIdentifierPart(Current))
        {
            position++;
        }

        return text[start..position];
    }

    private string ReadString()
    {
        var start = position;
        position++;
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("unterminated string", start);
            }

            var c = Current;
            if (c == '"')
            {
                position++;
                return value.ToString();
            }

            if (c == '\\')
            {
                position++;
                if (AtEnd || (Current != '"' && Current != '\\'))
                {
                    throw Error("unknown escape (only \\\" and \\\\ are allowed)", position - 1);
                }

                c = Current;
            }

            value.Append(c);
            position++;
        }
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            position++;
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static MappingExpressionException Error(string reason, int zeroBasedPosition) => new(reason, zeroBasedPosition + 1);
}
