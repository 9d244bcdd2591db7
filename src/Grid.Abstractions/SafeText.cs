using System.Globalization;
using System.Text;

namespace Grid.Abstractions;

/// <summary>
/// Values from outside (request fields, WeCom data, HTTP paths) made safe to echo in a message, a log line or the
/// audit trail: control characters escaped, so that a value cannot forge a line of its own, and long values cut.
/// </summary>
public static class SafeText
{
    /// <summary>How many characters of a value an error message or log line echoes.</summary>
    public const int EchoLength = 64;

    /// <summary>
    /// Whether <paramref name="c"/> is a control character: C0 (U+0000-U+001F), DEL, C1 (U+0080-U+009F), or the
    /// Unicode line and paragraph separators, which some viewers also break lines at.
    /// </summary>
    public static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>Whether <paramref name="value"/> contains a control character (see <see cref="IsControl"/>).</summary>
    public static bool HasControl(string? value) => value is not null && value.Any(IsControl);

    /// <summary>The value with control characters escaped and cut to <see cref="EchoLength"/> characters plus "…".</summary>
    public static string Echo(string? value) => Escape(value, EchoLength);

    /// <summary>
    /// The value with every control character written as an escape (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\0</c> or
    /// <c>\uXXXX</c>) and backslashes doubled, so the result is one line that reads back unambiguously; values longer
    /// than <paramref name="maxLength"/> characters are cut there and end in "…".
    /// </summary>
    public static string Escape(string? value, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var cut = value.Length > maxLength;
        var source = cut ? value.AsSpan(0, maxLength) : value.AsSpan();
        if (!cut && !value.Any(c => c == '\\' || IsControl(c)))
        {
            return value;
        }

        var text = new StringBuilder(source.Length + 8);
        foreach (var c in source)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                case '\0': text.Append(@"\0"); break;
                default:
                    if (IsControl(c))
                    {
                        text.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return cut ? text.Append('…').ToString() : text.ToString();
    }
}
