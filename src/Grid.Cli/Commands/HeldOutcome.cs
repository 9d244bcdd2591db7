using System.Globalization;

namespace Grid.Cli.Commands;

/// <summary>The one-line outcome of <c>gridctl wecom held approve|discard</c>.</summary>
internal static class HeldOutcome
{
    public static string Describe(string what, int count, IReadOnlyCollection<string> notFound) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} held change(s) {what}")
        + (notFound.Count > 0 ? $"; not held: {string.Join(", ", notFound)}" : "");
}
