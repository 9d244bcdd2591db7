using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Grid.Abstractions;

namespace Grid.Grains;

/// <summary>
/// The page tokens of every listing: base64url of "{kind}|{position}". The kind names the listing, and where a
/// position means something only within one list (a run's plan, an organization's members) that list too, so a token
/// of one listing is refused by another instead of being read as a position in the wrong list.
/// </summary>
internal static class PageTokens
{
    public const string Accounts = "accounts";
    public const string Organizations = "organizations";
    public const string SyncRuns = "sync-runs";

    public static string Members(string organizationId) => "members/" + organizationId;

    public static string Children(string parentId) => "children/" + parentId;

    public static string Plan(string runId) => "plan/" + runId;

    public static string Encode(string kind, string position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(kind + "|" + position));

    public static string Encode(string kind, long offset) =>
        Encode(kind, offset.ToString(CultureInfo.InvariantCulture));

    /// <summary>The position a token of <paramref name="kind"/> carries; null without a token.</summary>
    public static string? Decode(string? token, string kind, string field = "page_token")
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var prefix = kind.Length + 1;
            if (text.Length > prefix && text.StartsWith(kind, StringComparison.Ordinal) && text[kind.Length] == '|')
            {
                return text[prefix..];
            }
        }
        catch (FormatException)
        {
            // Falls through: a damaged token is the caller's mistake, reported below.
        }

        throw GridException.Invalid(field, "is not a page token returned by this listing");
    }

    /// <summary>The offset a token of <paramref name="kind"/> carries; 0 without a token.</summary>
    public static long DecodeOffset(string? token, string kind, string field = "page_token")
    {
        var position = Decode(token, kind, field);
        if (position is null)
        {
            return 0;
        }

        if (!long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            throw GridException.Invalid(field, "is not a page token returned by this listing");
        }

        return offset;
    }
}
