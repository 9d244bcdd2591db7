using System.Globalization;

namespace Grid.Host.Grpc;

/// <summary>
/// Resume tokens of WatchChanges: the feed sequence of the last change delivered, in decimal. Clients treat them as
/// opaque; "0" replays the whole retained feed.
/// </summary>
internal static class ResumeTokens
{
    public static string Format(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    public static long Parse(string token, string field)
    {
        if (!long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            RpcErrors.InvalidArgument(field, $"'{token}' is not a token returned by this API");
        }

        return sequence;
    }
}
