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

    private readonly string _text;
    private int _position;
    private int _depth;

    private ExpressionParser(string text) => _text = text;

    private bool AtEnd => _position >= _text.Length;

    private char Current => _text[_position];

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
            throw Error($"unexpected '{parser.Current}' after the expression (join parts with '+')", parser._position);
        }

        return root;
    }

    private ExpressionNode ParseConcatenation()
    {
        SkipWhitespace();
        var start = _position;
        var first = ParseTerm();
        List<ExpressionNode>? parts = null;
        while (true)
        {
            SkipWhitespace();
            if (AtEnd || Current != '+')
            {
                break;
            }

            _position++;
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
            throw Error("expected a field, a \"string\" or a function", _position);
        }

        var c = Current;
        if (c == '"')
        {
            var start = _position;
            return new LiteralNode(start + 1, ReadString());
        }

        if (IsIdentifierStart(c))
        {
            var start = _position;
            var name = ReadIdentifier();
            SkipWhitespace();
            if (!AtEnd && Current == '(')
            {
                return ParseCall(name, start);
            }

            if (!AtEnd && Current == '.')
            {
                _position++;
                return new FieldNode(start + 1, name, ReadAttributeName());
            }

            return new FieldNode(start + 1, name, null);
        }

        throw Error($"unexpected '{c}'", _position);
    }

    private CallNode ParseCall(string name, int start)
    {
        if (!Arities.TryGetValue(name, out var arity))
        {
            throw Error($"unknown function '{name}'", start);
        }

        if (++_depth > MappingExpression.MaxDepth)
        {
            throw Error($"functions nested deeper than {MappingExpression.MaxDepth} levels", start);
        }

        _position++;
        var arguments = new List<ExpressionNode>();
        SkipWhitespace();
        if (!AtEnd && Current == ')')
        {
            _position++;
        }
        else
        {
            while (true)
            {
                arguments.Add(ParseConcatenation());
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error($"expected ',' or ')' to close '{name}('", _position);
                }

                if (Current == ',')
                {
                    _position++;
                    continue;
                }

                if (Current == ')')
                {
                    _position++;
                    break;
                }

                throw Error($"expected ',' or ')' but found '{Current}'", _position);
            }
        }

        if (arguments.Count < arity.Min || arguments.Count > arity.Max)
        {
            var expected = arity.Max == int.MaxValue
                ? $"at least {arity.Min} argument{(arity.Min == 1 ? "" : "s")}"
                : $"{arity.Min} argument{(arity.Min == 1 ? "" : "s")}";
            throw Error($"function '{name}' takes {expected}, got {arguments.Count}", start);
        }

        _depth--;
        return new CallNode(start + 1, name, [.. arguments]);
    }

    private string ReadAttributeName()
    {
        if (!AtEnd && Current == '"')
        {
            return ReadString();
        }

        var start = _position;
        while (!AtEnd && (IsIdentifierPart(Current) || Current == '-'))
        {
            _position++;
        }

        if (_position == start)
        {
            throw Error("expected a name after '.'", _position);
        }

        return _text[start.._position];
    }

    private string ReadIdentifier()
    {
        var start = _position;
        while (!AtEnd && IsIdentifierPart(Current))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private string ReadString()
    {
        var start = _position;
        _position++;
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
                _position++;
                return value.ToString();
            }

            if (c == '\\')
            {
                _position++;
                if (AtEnd || (Current != '"' && Current != '\\'))
                {
                    throw Error("unknown escape (only \\\" and \\\\ are allowed)", _position - 1);
                }

                c = Current;
            }

            value.Append(c);
            _position++;
        }
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            _position++;
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static MappingExpressionException Error(string reason, int zeroBasedPosition) => new(reason, zeroBasedPosition + 1);
}
