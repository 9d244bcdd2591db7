using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Grid.WeCom.Xml;

namespace Grid.WeCom.Events;

/// <summary>
/// What identifies one WeCom callback event among its retries. WeCom says to dedupe events on FromUserName +
/// CreateTime; since several distinct changes can share one second, the fingerprint also covers every other element
/// of the event (ChangeType, UserID or Id, NewUserID and the changed fields), so a retry (the same event, encrypted
/// anew) has the same fingerprint and two distinct events of one second have different ones. The result is
/// <c>{CreateTime}-{hex of a SHA-256 over the elements}</c>: it holds no personal data in clear.
/// </summary>
public static class ContactEventFingerprint
{
    /// <summary>The fingerprint of a decrypted callback that <see cref="ContactEventParser.Parse"/> accepted.</summary>
    /// <exception cref="ContactEventParseException">The XML is not well-formed.</exception>
    public static string Of(string xml, DateTimeOffset createTime)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var canonical = new StringBuilder(xml.Length);
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), SafeXml.CreateSettings());
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        canonical.Append('<').Append(reader.LocalName).Append(reader.IsEmptyElement ? "/>" : ">");
                        break;
                    case XmlNodeType.EndElement:
                        canonical.Append("</>");
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA:
                        // Plain text and CDATA are the same value to WeCom; so they are here.
                        canonical.Append('"').Append(reader.Value.Trim().Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                        break;
                }
            }
        }
        catch (XmlException exception)
        {
            throw new ContactEventParseException("Callback XML is not well-formed or uses a DTD.", exception);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return createTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
