using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Grid.Abstractions;

namespace Grid.Grains;

/// <summary>
/// The page tokens of every listing: base64url of "{kind}|{position}". The kind names the listing, and where a
/// position means something only within one list (a run's plan, an organization's members) that list too, so a token
/// of one listing is refused by another instead of being read as a position in the wrong list. Public because the
/// host's own listings (Directory.WatchChanges' resume tokens, Admin.ListAuditEntries' page tokens) use it too.
/// </summary>
public static class PageTokens
{
    public const string Accounts = "accounts";
    public const string Organizations = "organizations";
    public const string SyncRuns = "sync-runs";

    /// <summary>Directory.WatchChanges' resume tokens: the feed sequence of the last change delivered.</summary>
    public const string Changes = "changes";

    /// <summary>Admin.ListAuditEntries' page tokens: the audit sequence to read backward from.</summary>
    public const string AuditEntries = "audit-entries";

    /// <summary>Admin.ListHeldChanges' page tokens: the held change id to list after.</summary>
    public const string HeldChanges = "held-changes";

    public static string Members(string organizationId) => "members/" + organizationId;

    public static string Children(string parentId) => "children/" + parentId;

    public static string Plan(string runId) => "plan/" + runId;

    /// <summary>Admin.ListWeComEvents' page tokens: the event id to list below, within one connector's events.</summary>
    public static string WeComEvents(string connectorId) => "wecom-events/" + connectorId;

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

        throw GridException.Invalid(field, "is not a token returned by this listing");
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
            throw GridException.Invalid(field, "is not a token returned by this listing");
        }

        return offset;
    }

    /// <summary>
    /// The feed sequence a WatchChanges resume token carries. directory.proto promises that resuming from the last
    /// token received misses nothing and that `0` replays the whole retained feed, and clients store tokens across
    /// upgrades; tokens issued before they were kinded were the plain decimal sequence, so that form is still read.
    /// It cannot be mistaken for a kinded token: base64url of "changes|..." starts with 'Y', never a digit.
    /// </summary>
    public static long DecodeResumeToken(string? token, string field = "resume_token")
    {
        if (!string.IsNullOrEmpty(token) && token.All(char.IsAsciiDigit)
            && long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var legacy))
        {
            return legacy;
        }

        return DecodeOffset(token, Changes, field);
    }
}
