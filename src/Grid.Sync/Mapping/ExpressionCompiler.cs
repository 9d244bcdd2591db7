using System.Diagnostics;

namespace Grid.Sync.Mapping;

/// <summary>
/// Turns a parsed expression into a tree of delegates once, so that evaluating it for 100,000 members does no
/// parsing and no lookups by name.
/// </summary>
internal static class ExpressionCompiler
{
    public static Func<T, string> Compile<T>(ExpressionNode node, Func<FieldNode, Func<T, string>?> resolve, string source)
    {
        switch (node)
        {
            case LiteralNode literal:
                var constant = literal.Value;
                return _ => constant;
            case FieldNode field:
                return resolve(field)
                    ?? throw new MappingExpressionException($"unknown {source} field '{field.DisplayName}'", field.Position);
            case ConcatNode concat:
                return Concat(CompileAll(concat.Parts, resolve, source));
            case CallNode call:
                return Call(call.Function, CompileAll(call.Arguments, resolve, source));
            default:
                throw new UnreachableException($"Unknown expression node {node.GetType().Name}.");
        }
    }

    private static Func<T, string>[] CompileAll<T>(IReadOnlyList<ExpressionNode> nodes, Func<FieldNode, Func<T, string>?> resolve, string source)
    {
        var compiled = new Func<T, string>[nodes.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            compiled[i] = Compile(nodes[i], resolve, source);
        }

        return compiled;
    }

    private static Func<T, string> Concat<T>(Func<T, string>[] parts)
    {
        if (parts.Length == 2)
        {
            var (left, right) = (parts[0], parts[1]);
            return x => string.Concat(left(x), right(x));
        }

        return x =>
        {
            var values = new string[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                values[i] = parts[i](x);
            }

            return string.Concat(values);
        };
    }

    private static Func<T, string> Call<T>(string function, Func<T, string>[] arguments)
    {
        var first = arguments[0];
        switch (function)
        {
            case "lower":
                return x => first(x).ToLowerInvariant();
            case "upper":
                return x => first(x).ToUpperInvariant();
            case "trim":
                return x => first(x).Trim();
            case "replace":
                var (oldValue, newValue) = (arguments[1], arguments[2]);
                return x =>
                {
                    var value = first(x);
                    var search = oldValue(x);
                    return search.Length == 0 ? value : value.Replace(search, newValue(x), StringComparison.Ordinal);
                };
            case "first":
                return x =>
                {
                    foreach (var argument in arguments)
                    {
                        var value = argument(x);
                        if (!string.IsNullOrWhiteSpace(value))
                        {
                            return value;
                        }
                    }

                    return "";
                };
            default:
                // The parser admits only the functions above.
                throw new UnreachableException($"Unknown function '{function}'.");
        }
    }
}
