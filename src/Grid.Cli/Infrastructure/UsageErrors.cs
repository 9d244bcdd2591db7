namespace Grid.Cli.Infrastructure;

/// <summary>
/// Turns Spectre's parse errors about an unknown command, option or argument into one line that names the command and
/// the closest known name. Other errors keep Spectre's message.
/// </summary>
internal static class UsageErrors
{
    public static string Explain(string message, IReadOnlyList<string> args, CommandNode node)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(node);
        var token = Quoted(message);
        if (token is null)
        {
            return message;
        }

        if (message.StartsWith("Unknown option", StringComparison.Ordinal))
        {
            var written = args.Select(arg => arg.Split('=', 2)[0]).FirstOrDefault(arg => arg.StartsWith('-') && arg.TrimStart('-') == token)
                ?? (token.Length == 1 ? "-" : "--") + token;
            var known = node.Options.Where(option => option.StartsWith("--", StringComparison.Ordinal)).ToList();
            return Unknown("option", written, node, written.StartsWith("--", StringComparison.Ordinal) ? Closest(written, known) : null, known);
        }

        if (message.StartsWith("Unexpected option", StringComparison.Ordinal) && node.Settings is null)
        {
            // Spectre binds options to the command before them: before any command there is nothing to take them.
            var option = (token.Length == 1 ? "-" : "--") + token;
            return $"option '{option}' comes before a command: write it after the command it is for ('{node.Path} COMMAND ... {option}')";
        }

        var unknownWord = message.StartsWith("Unknown command", StringComparison.Ordinal) || message.StartsWith("Could not match", StringComparison.Ordinal);
        if (unknownWord && node.Settings is null)
        {
            var commands = node.Children.Keys.ToList();
            return Unknown("command", token, node, Closest(token, commands), commands);
        }

        if (unknownWord)
        {
            var arguments = node.Arguments;
            var takes = arguments.Count == 0 ? "no arguments" : $"only {string.Join(' ', arguments)}";
            return $"unexpected argument '{token}': '{node.Path}' takes {takes}";
        }

        return message;
    }

    /// <summary>
    /// The closest of <paramref name="known"/> to <paramref name="written"/>: a typo away (a third of its letters), or
    /// else the one known name that contains it or that it contains (<c>encoding_aes_key</c>: <c>callback_encoding_aes_key</c>).
    /// </summary>
    public static string? Closest(string written, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(known);
        var typed = written.TrimStart('-').ToLowerInvariant();
        var names = known.Select(name => (Name: name, Bare: name.TrimStart('-').ToLowerInvariant())).ToList();
        var best = names.Select(name => (name.Name, Distance: Distance(typed, name.Bare))).OrderBy(candidate => candidate.Distance).FirstOrDefault();
        if (best.Name is not null && best.Distance <= Math.Max(1, typed.Length / 3))
        {
            return best.Name;
        }

        var containing = typed.Length < 4 ? null : names.Where(name => name.Bare.Contains(typed, StringComparison.Ordinal)
            || (name.Bare.Length >= 4 && typed.Contains(name.Bare, StringComparison.Ordinal))).ToList();
        return containing is [var only] ? only.Name : null;
    }

    private static string Unknown(string kind, string written, CommandNode node, string? closest, IReadOnlyList<string> known) =>
        closest is not null
            ? $"unknown {kind} '{written}' for '{node.Path}': did you mean '{closest}'?"
            : $"unknown {kind} '{written}' for '{node.Path}' (known: {string.Join(", ", known)})";

    private static string? Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }

    // Optimal string alignment distance: Levenshtein plus adjacent transpositions, so "strat" is one edit from "start".
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
