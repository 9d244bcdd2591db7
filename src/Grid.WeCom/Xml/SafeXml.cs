using System.Xml;

namespace Grid.WeCom.Xml;

/// <summary>Reader settings for XML that arrives from outside: no DTDs, no external resources, bounded size.</summary>
internal static class SafeXml
{
    /// <summary>Upper bound for any WeCom XML document we accept (callbacks are a few kilobytes).</summary>
    public const int MaxDocumentChars = 1024 * 1024;

    public static XmlReaderSettings CreateSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxDocumentChars,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };
}
