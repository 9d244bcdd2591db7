using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Grid.Abstractions;

namespace Grid.Grains;

/// <summary>
/// The page tokens of every listing: base64url of "{kind}|{position}". The kind names the listing and its whole scope
/// (the tenant, and the organization, connector, run or filter the request named), so that a token is only valid with
/// the request that issued it, as the protos promise: replayed under another scope it is refused as INVALID_ARGUMENT
/// instead of being read as a position in the wrong list. Public because the host's own listings
/// (Directory.WatchChanges' resume tokens, Admin.ListAuditEntries' page tokens) use it too.
/// </summary>
public static class PageTokens
{
    /// <summary>Directory.WatchChanges' resume tokens: the feed sequence of the last change delivered.</summary>
    public const string Changes = "changes";

    /// <summary>Every account of a tenant.</summary>
    public static string Accounts(string tenantId) => "accounts/" + tenantId;

    /// <summary>The whole organization tree of a tenant.</summary>
    public static string Organizations(string tenantId) => "organizations/" + tenantId;

    /// <summary>The member accounts of one organization.</summary>
    public static string Members(string tenantId, string organizationId) => $"members/{tenantId}/{organizationId}";

    /// <summary>The children of one organization.</summary>
    public static string Children(string tenantId, string parentId) => $"children/{tenantId}/{parentId}";

    /// <summary>The runs of one connector (its coordinator's key, <c>{t}/{c}</c>).</summary>
    public static string SyncRuns(string connectorKey) => "sync-runs/" + connectorKey;

    /// <summary>The plan of one run of one connector.</summary>
    public static string Plan(string connectorKey, string runId) => $"plan/{connectorKey}/{runId}";

    /// <summary>The held changes of one connector (its held-changes grain's key, <c>{t}/{c}</c>): the held change number to list after.</summary>
    public static string HeldChanges(string connectorKey) => "held-changes/" + connectorKey;

    /// <summary>Admin.ListAuditEntries' page tokens (the audit sequence to read backward from), per tenant and connector filter.</summary>
    public static string AuditEntries(string tenantId, string? connectorId) => $"audit-entries/{tenantId}/{connectorId}";

    /// <summary>Admin.ListWeComEvents' page tokens: the event id to list below, within one connector's events.</summary>
    public static string WeComEvents(string connectorId) => "wecom-events/" + connectorId;

    /// <summary>Page tokens of a tenant's OpenID Connect applications (position: the last client id).</summary>
    public static string Applications(string tenantId) => "applications/" + tenantId;

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
